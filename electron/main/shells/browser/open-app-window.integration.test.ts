/**
 * Issue 20 item 1 with the real Chromium under Xvfb (--app cannot run headless): the window
 * loads the app through the launch page and its one-time code, and no process on the
 * machine has the token (or the code) on its command line; no Chromium process has them
 * in its environment. Needs `npm run build` (out/renderer, out/browser/vnm-client.js).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcMethodName, RpcParams, RpcResult } from '../../../../shared/rpc/contract';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { FakeBackend } from '../../test/fake-backend';
import { openAppWindow } from './open-app-window';
import { startBrowserShell } from './server';
import type { BrowserShell } from './server';

const OUT = resolve(import.meta.dirname, '../../../../out');

/** The fake backend, plus a promise for the first call the page makes through the socket. */
class SignallingBackend extends FakeBackend {
  private called: () => void = () => undefined;
  readonly firstCall = new Promise<void>((r) => (this.called = r));
  override call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    this.called();
    return super.call(method, params);
  }
}

/** Starts Xvfb on a free display (it picks one and writes its number to fd 3). */
async function startXvfb(): Promise<{ child: ChildProcess; display: string }> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const fd3 = child.stdio[3] as Readable;
  const display = await new Promise<string>((res, rej) => {
    let text = '';
    fd3.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('\n')) res(`:${text.trim()}`);
    });
    child.once('exit', (code) => rej(new Error(`Xvfb exited (${code}) before it named a display`)));
  });
  return { child, display };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`).toString('latin1');
  } catch {
    return ''; // gone, or not ours to read
  }
}

/** Pids of `root` and all its descendants (from each process's parent in /proc/PID/stat). */
function processTree(root: number): string[] {
  const parent = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const stat = readProc(pid, 'stat');
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    if (ppid) parent.set(pid, ppid);
  }
  const inTree = (pid: string): boolean => {
    for (let p: string | undefined = pid; p && p !== '0'; p = parent.get(p))
      if (p === String(root)) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree);
}

let xvfb: { child: ChildProcess; display: string };
let backend: SignallingBackend;
let shell: BrowserShell;
let tmp: string;

beforeAll(async () => {
  for (const f of ['renderer/index.html', 'browser/vnm-client.js']) {
    if (!existsSync(join(OUT, f))) throw new Error(`out/${f} is missing: run npm run build first`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'vnm-shell-itest-'));
  xvfb = await startXvfb();
  backend = new SignallingBackend();
  shell = await startBrowserShell({
    backendFor: () => backend,
    invoke: createInvokeHandler({ backendFor: () => backend, appInfo: buildAppInfo('browser') }),
    rendererDir: join(OUT, 'renderer'),
    clientScript: readFileSync(join(OUT, 'browser/vnm-client.js'), 'utf8'),
    port: 0,
  });
});

afterAll(async () => {
  await shell?.close();
  if (xvfb) {
    xvfb.child.kill('SIGTERM');
    await exited(xvfb.child);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

describe('the app window in real Chromium', () => {
  it('loads the app through a one-time code; no secret in any command line or Chromium environment', async () => {
    let code = '';
    const target = {
      origin: shell.origin,
      launchCode: (onUsed?: () => void) => (code = shell.launchCode(onUsed)),
    };
    const started = performance.now();
    const win = openAppWindow(target, {
      tmpDir: tmp,
      env: { ...process.env, DISPLAY: xvfb.display },
      extraArgs: ['--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      // The renderer's first call through the WebSocket: the page loaded, the launch code
      // was traded for the cookie, and the socket was let in with it.
      await backend.firstCall;
      console.log(
        `window loaded the app and called vnmd after ${(performance.now() - started).toFixed(0)} ms`,
      );
      expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);

      const tree = processTree(win.process.pid!);
      expect(tree.length).toBeGreaterThan(1);
      for (const pid of tree) {
        const cmdline = readProc(pid, 'cmdline');
        expect(cmdline, `cmdline of ${pid}`).not.toContain(shell.token);
        expect(cmdline, `cmdline of ${pid}`).not.toContain(code);
        const environ = readProc(pid, 'environ');
        expect(environ, `environ of ${pid}`).not.toContain(shell.token);
        expect(environ, `environ of ${pid}`).not.toContain(code);
      }
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        expect(readProc(pid, 'cmdline'), `cmdline of ${pid}`).not.toContain(shell.token);
      }
      console.log(`checked ${tree.length} Chromium processes`);
      // The launch page went when its code was used; the profile is still in use.
      expect(readdirSync(tmp).filter((f) => f.startsWith('vnm-launch-'))).toEqual([]);
      expect(readdirSync(tmp).filter((f) => f.startsWith('vnm-chromium-'))).toHaveLength(1);
    } finally {
      win.process.kill('SIGTERM');
      await win.closed;
    }
    // The throw-away profile is removed once Chromium has exited.
    expect(readdirSync(tmp)).toEqual([]);
  });
});
