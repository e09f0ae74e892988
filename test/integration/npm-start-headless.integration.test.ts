/**
 * `npm start` on a machine without a display (issue 12): it says which shell it uses and why,
 * which vnmd it talks to, prints the address, and says to open it, since no window can open.
 * Against a vnmd in a test namespace; the root case (no vnmd anywhere, so npm start runs its
 * own) in a private network and mount namespace, never on this host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNetns, destroyAllNetns } from '../helpers/netns';
import { mustRun } from '../helpers/proc';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const ROOT = resolve(import.meta.dirname, '../..');
const overlayBase = mkdtempSync(join(tmpdir(), 'vnmt-npmstart-'));
let vnmd: Vnmd;

beforeAll(async () => {
  vnmd = await startVnmd(await createNetns('nst'));
});

afterAll(async () => {
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
  rmSync(overlayBase, { recursive: true, force: true });
});

function headlessEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/** Everything `child` prints until `until` shows up; rejects if it exits first. */
function outputUntil(child: ChildProcess, until: RegExp): Promise<string> {
  let out = '';
  return new Promise<string>((res, rej) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (until.test(out)) res(out);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`npm start exited (${code}) before saying it:\n${out}`)));
  });
}

describe('npm start without a display', () => {
  it('prints the shell and why, the vnmd it uses, the address, and to open it', async () => {
    const args = [
      'scripts/start.mjs',
      '--shell=browser',
      '--port',
      '0',
      '--connect',
      `unix:${vnmd.dirs.socket}`,
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: headlessEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await outputUntil(child, /no display here/).finally(() => child.kill('SIGTERM'));
    expect(out).toContain('vnm: using the browser shell as --shell=browser asks');
    expect(out).toContain(`vnm: connecting to vnmd at ${vnmd.dirs.socket} (from --connect).`);
    expect(out).toMatch(/^vnm UI: http:\/\/127\.0\.0\.1:\d+\//m);
    expect(out).toContain('open the address above in a browser on this machine');
  });
});

/** Alive and not a zombie (this machine's PID 1 may be slow to reap what it inherits). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
const parentOf = (pid: number) =>
  Number(/^PPid:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const uidOf = (pid: number) =>
  Number(/^Uid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/**
 * A private view of the machine for one command, so that a root `npm start` with no vnmd
 * around really takes the "start my own vnmd" path without touching this host: its own
 * network namespace (ns), and a mount namespace where /run and /var/lib are empty and /etc
 * is an overlay whose writes go to a tmpfs. vnmd's default paths (/etc/vnm, /var/lib/vnm,
 * /run/vnm) then exist only there, and go with it.
 */
function isolatedScript(command: string): string {
  const t = overlayBase;
  return [
    `mount -t tmpfs vnmt-ov ${t}`,
    `mkdir ${t}/up ${t}/work`,
    `mount -t overlay vnmt-etc -o lowerdir=/etc,upperdir=${t}/up,workdir=${t}/work /etc`,
    'mount -t tmpfs vnmt-run /run',
    'mount -t tmpfs vnmt-lib /var/lib',
    // An installed vnm's service helper would change the plan (pkexec); hide it if there.
    `if [ -d /usr/lib/vnm ]; then mount -t tmpfs vnmt-lib-vnm /usr/lib/vnm; fi`,
    `exec ${command}`,
  ].join(' && ');
}

describe('npm start as root where no vnmd runs (a developer’s checkout)', () => {
  it('says first that it starts a root vnmd on this machine’s real network, then runs it as its own child and stops it', async () => {
    const ns = await createNetns('nsr');
    const start = `${process.execPath} scripts/start.mjs --shell=browser --port 0`;
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns.name,
        'unshare',
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        isolatedScript(start),
      ],
      { cwd: ROOT, env: headlessEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = await outputUntil(child, /no display here/);
    const warning = out.indexOf(
      "vnm: no vnmd is running, so vnm starts one as root for this session. It manages THIS machine's real network",
    );
    expect(warning, out).toBeGreaterThanOrEqual(0);
    expect(out).toContain('run `npm run demo` instead');
    const address = out.search(/^vnm UI: http:\/\/127\.0\.0\.1:\d+\//m);
    expect(address).toBeGreaterThan(warning);

    // vnmd runs as root, in the test's namespace, as the browser shell's own child.
    const pids = (await mustRun('ip', ['netns', 'pids', ns.name])).stdout
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    const vnmd = pids.filter((p) => / daemon$/.test(cmdline(p).trim()) && cmdline(p).includes('vnm.mjs'));
    expect(vnmd).toHaveLength(1);
    const pid = vnmd[0]!;
    expect(uidOf(pid)).toBe(0);
    expect(cmdline(parentOf(pid))).toContain('out/main/browser.mjs');

    // Stopping npm start stops that vnmd: no root process is left behind.
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await vi.waitFor(() => expect(running(pid)).toBe(false), { timeout: 15_000, interval: 50 });
  });
});
