import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { daemonCommand, serviceCommand, startVnmd } from './start-vnmd';

const rt = { execPath: '/usr/bin/node', cliPath: '/app/out/cli/vnm.mjs', isElectron: false };
const deps = { spawn, exists: existsSync, sleep: (ms: number) => sleep(ms) };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('daemonCommand', () => {
  it('runs the CLI daemon directly as a child', () => {
    expect(daemonCommand(rt)).toEqual({
      command: '/usr/bin/node',
      args: ['/app/out/cli/vnm.mjs', 'daemon'],
      env: {},
      handsOver: false,
    });
  });

  it('runs Electron as node', () => {
    const e = { ...rt, execPath: '/opt/vnm/vnm-manager', isElectron: true };
    expect(daemonCommand(e).env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });

  it('starts the service through pkexec and its helper, never vnmd under pkexec', () => {
    expect(serviceCommand('/usr/lib/vnm/vnm-start-service')).toEqual({
      command: 'pkexec',
      args: ['/usr/lib/vnm/vnm-start-service'],
      env: {},
      handsOver: true,
    });
  });
});

describe('startVnmd', () => {
  it('returns once the process has created its socket path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnm-start-'));
    dirs.push(dir);
    const path = join(dir, 'vnmd.sock');
    const script = `setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(path)}, ''); setTimeout(() => {}, 5000); }, 200)`;
    const child = await startVnmd(
      { command: process.execPath, args: ['-e', script], env: {}, handsOver: false },
      path,
      deps,
      5000,
    );
    expect(existsSync(path)).toBe(true);
    expect(child).not.toBeNull();
    child?.kill('SIGTERM');
  });

  it('keeps waiting after a helper that hands over exits 0, and returns no child', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnm-start-'));
    dirs.push(dir);
    const path = join(dir, 'vnmd.sock');
    // The helper exits at once; "systemd" (a detached process) creates the socket later.
    const later = `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(path)}, ''), 300)`;
    const script = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(later)}], { detached: true, stdio: 'ignore' }).unref()`;
    const child = await startVnmd(
      { command: process.execPath, args: ['-e', script], env: {}, handsOver: true },
      path,
      deps,
      5000,
    );
    expect(child).toBeNull();
    expect(existsSync(path)).toBe(true);
  });

  it('says the password was not given when pkexec is dismissed', async () => {
    const err = await startVnmd(
      { command: process.execPath, args: ['-e', 'process.exit(126)'], env: {}, handsOver: true },
      '/nonexistent/x.sock',
      deps,
      5000,
    ).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/password was not given.*systemctl start vnmd.socket/);
  });

  it('says what went wrong, with the daemon’s own messages, when it exits first', async () => {
    const script = "console.error('vnmd: needs CAP_NET_ADMIN'); process.exit(3)";
    const err = await startVnmd(
      { command: process.execPath, args: ['-e', script], env: {}, handsOver: false },
      '/nonexistent/x.sock',
      deps,
      5000,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'connection', details: 'vnmd: needs CAP_NET_ADMIN' });
    expect((err as Error).message).toMatch(/exit 3.*sudo vnm daemon/);
  });
});
