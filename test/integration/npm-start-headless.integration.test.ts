/**
 * `npm start` on a machine without a display (issue 12): it says which shell it uses and why,
 * which vnmd it talks to, prints the address, and says to open it, since no window can open.
 * Against a vnmd in a test namespace (never a root vnmd on this host).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetns, destroyAllNetns } from '../helpers/netns';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const ROOT = resolve(import.meta.dirname, '../..');
let vnmd: Vnmd;

beforeAll(async () => {
  vnmd = await startVnmd(await createNetns('nst'));
});

afterAll(async () => {
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
});

describe('npm start without a display', () => {
  it('prints the shell and why, the vnmd it uses, the address, and to open it', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const args = [
      'scripts/start.mjs',
      '--shell=browser',
      '--port',
      '0',
      '--connect',
      `unix:${vnmd.dirs.socket}`,
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const done = new Promise<void>((res, rej) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (/no display here/.test(out)) res();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => rej(new Error(`npm start exited (${code}) before saying it:\n${out}`)));
    });
    try {
      await done;
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toContain('vnm: using the browser shell as --shell=browser asks');
    expect(out).toContain(`vnm: connecting to vnmd at ${vnmd.dirs.socket} (from --connect).`);
    expect(out).toMatch(/^vnm UI: http:\/\/127\.0\.0\.1:\d+\//m);
    expect(out).toContain('open the address above in a browser on this machine');
  });
});
