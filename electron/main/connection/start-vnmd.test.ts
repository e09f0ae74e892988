import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { daemonCommand, startVnmd } from './start-vnmd';

const rt = { execPath: '/usr/bin/node', cliPath: '/app/out/cli/vnm.mjs', isElectron: false };
const deps = { spawn, exists: existsSync, sleep: (ms: number) => sleep(ms) };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('daemonCommand', () => {
  it('runs the CLI daemon directly as a child, or through pkexec', () => {
    expect(daemonCommand('child', rt)).toEqual({
      command: '/usr/bin/node',
      args: ['/app/out/cli/vnm.mjs', 'daemon'],
      env: {},
    });
    expect(daemonCommand('pkexec', rt).args).toEqual(['/usr/bin/node', '/app/out/cli/vnm.mjs', 'daemon']);
  });

  it('runs Electron as node, also through pkexec which drops the environment', () => {
    const e = { ...rt, execPath: '/opt/vnm/vnm', isElectron: true };
    expect(daemonCommand('child', e).env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(daemonCommand('pkexec', e)).toMatchObject({
      command: 'pkexec',
      args: ['env', 'ELECTRON_RUN_AS_NODE=1', '/opt/vnm/vnm', '/app/out/cli/vnm.mjs', 'daemon'],
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
      { command: process.execPath, args: ['-e', script], env: {} },
      path,
      deps,
      5000,
    );
    expect(existsSync(path)).toBe(true);
    child.kill('SIGTERM');
  });

  it('says what went wrong, with the daemon’s own messages, when it exits first', async () => {
    const script = "console.error('vnmd: needs CAP_NET_ADMIN'); process.exit(3)";
    const err = await startVnmd(
      { command: process.execPath, args: ['-e', script], env: {} },
      '/nonexistent/x.sock',
      deps,
      5000,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'connection', details: 'vnmd: needs CAP_NET_ADMIN' });
    expect((err as Error).message).toMatch(/exit 3.*sudo vnm daemon/);
  });
});
