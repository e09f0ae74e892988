import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { FakeBackend } from '../../test/fake-backend';
import { openAppWindow } from './open-app-window';
import { startBrowserShell } from './server';
import type { BrowserShell } from './server';

/**
 * A FAKE Chromium: records what it was started with and what its launch page looks like,
 * then does what the real page does (posts the code to /session), and waits to be killed.
 */
const FAKE_CHROMIUM = `#!${process.execPath}
import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const app = process.argv.find((a) => a.startsWith('--app='))?.slice(6) ?? '';
const page = fileURLToPath(app);
const html = readFileSync(page, 'utf8');
writeFileSync(process.env.FAKE_CHROMIUM_REPORT, JSON.stringify({
  argv: process.argv.slice(2),
  env: process.env,
  pageMode: statSync(page).mode & 0o777,
  dirMode: statSync(dirname(page)).mode & 0o777,
  html,
}));
const action = /action="([^"]+)"/.exec(html)[1];
const code = /name="code" value="([^"]+)"/.exec(html)[1];
await fetch(action, { method: 'POST', body: new URLSearchParams({ code }), headers: { origin: 'null' } });
setInterval(() => undefined, 60_000);
`;

interface Report {
  argv: string[];
  env: Record<string, string>;
  pageMode: number;
  dirMode: number;
  html: string;
}

let dir: string;
let shell: BrowserShell;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-open-test-'));
  const backend = new FakeBackend();
  shell = await startBrowserShell({
    backendFor: () => backend,
    invoke: createInvokeHandler({ backendFor: () => backend, appInfo: buildAppInfo('browser') }),
    rendererDir: dir,
    clientScript: '',
    port: 0,
  });
});

afterEach(async () => {
  await shell.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openAppWindow', () => {
  it('gives Chromium no secret in argv or env, only a private one-time launch page', async () => {
    const fake = join(dir, 'fake-chromium.mjs');
    writeFileSync(fake, FAKE_CHROMIUM);
    chmodSync(fake, 0o755);
    const tmp = join(dir, 'tmp');
    const reportFile = join(dir, 'fake-chromium-report.json');
    writeFileSync(reportFile, '');
    let code = '';
    let used: () => void = () => undefined;
    const redeemed = new Promise<void>((r) => (used = r));
    const target = {
      origin: shell.origin,
      launchCode: (onUsed?: () => void) =>
        (code = shell.launchCode(() => {
          onUsed?.();
          used();
        })),
    };
    mkdirSync(tmp);
    const win = openAppWindow(target, {
      executable: fake,
      tmpDir: tmp,
      env: { ...process.env, FAKE_CHROMIUM_REPORT: reportFile },
    });
    await redeemed;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    const argvAndEnv = JSON.stringify([report.argv, report.env]);
    expect(argvAndEnv).not.toContain(shell.token);
    expect(argvAndEnv).not.toContain(code);
    expect(report.argv[0]).toMatch(/^--app=file:\/\/.*\/vnm-launch-[^/]+\/launch\.html$/);
    expect(report.pageMode).toBe(0o600);
    expect(report.dirMode).toBe(0o700);
    expect(report.html).toContain(code);
    expect(report.html).not.toContain(shell.token);
    // The page went when its code was used; the code cannot be used twice.
    expect(readdirSync(tmp).filter((f) => f.startsWith('vnm-launch-'))).toEqual([]);
    win.process.kill('SIGTERM');
    await win.closed;
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('removes the launch page and profile when Chromium cannot be started', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const win = openAppWindow(shell, { executable: join(dir, 'no-such-chromium'), tmpDir: tmp });
    await win.closed;
    expect(readdirSync(tmp)).toEqual([]);
  });
});
