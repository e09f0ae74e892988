/**
 * The window of a user outside vnmd's group (issue 12): `npm start` run as that user against
 * a vnmd whose read-write socket belongs to the group. The window must say that vnmd refuses
 * this account and how to join the group, never "check that vnmd is running". Headless
 * Chromium (Debian's) loads the browser shell; screenshots of the banner, light and dark, at
 * 1280x800 and 1024x640 go to test-results/desktop-window-access/ for a person to look at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupUsers, type GroupUsers } from '../helpers/group-users';
import { createNetns, destroyAllNetns } from '../helpers/netns';
import { mustRun } from '../helpers/proc';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-results/desktop-window-access');
let users: GroupUsers;
let vnmd: Vnmd;
let ui: ChildProcess | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // As root, before the outsider runs npm start (which cannot write out/).
  await mustRun('node', [join(ROOT, 'scripts/build.mjs')], { timeoutMs: 180_000 });
  users = await createGroupUsers('vnmtw');
  vnmd = await startVnmd(await createNetns('dwa'), { args: ['--socket-group', users.group] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  ui?.kill('SIGTERM');
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
  users?.remove();
});

/** `npm start` as `user` (browser shell, no window); resolves with the address it prints. */
function startAs(user: string, socket: string): Promise<string> {
  const args = ['--shell=browser', '--no-open', '--port', '0', '--connect', `unix:${socket}`];
  ui = spawn(
    'setpriv',
    [`--reuid=${user}`, `--regid=nogroup`, '--init-groups', 'node', 'scripts/start.mjs', ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/', USER: user, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((res, rej) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const url = /^vnm UI: (http\S+)$/m.exec(out)?.[1];
      if (url) res(url);
    };
    ui!.stdout!.on('data', onData);
    ui!.stderr!.on('data', onData);
    ui!.once('exit', (code) => rej(new Error(`npm start exited (${code}):\n${out}`)));
  });
}

describe('the window of a user outside the group', () => {
  it('says vnmd refuses this account and how to join the group, not to check that vnmd runs', async () => {
    const url = await startAs(users.outsider, vnmd.dirs.socket);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [width, height] of [
        [1280, 800],
        [1024, 640],
      ] as const) {
        const page = await browser.newPage({ colorScheme, viewport: { width, height } });
        await page.goto(url);
        const banner = page.getByRole('status').filter({ hasText: 'No access to vnmd' });
        await banner.waitFor({ timeout: 30_000 });
        const text = (await banner.textContent()) ?? '';
        expect(text).toContain('vnmd is running, but this account may not use it');
        expect(text).toContain(`you are not in group ${users.group}`);
        expect(text).toContain(`sudo usermod -aG ${users.group} $USER`);
        expect(text).not.toContain('check that vnmd is running');
        await expect(page.getByRole('button', { name: 'Add network' }).isDisabled()).resolves.toBe(true);
        await page.screenshot({ path: join(SHOTS, `no-access-${colorScheme}-${width}x${height}.png`) });
        await page.close();
      }
    }
  });
});
