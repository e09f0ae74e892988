/**
 * The app against a sandbox: `scripts/start.mjs --connect unix:SOCKET`, which runs Electron
 * where its binary exists, else the browser shell (Chromium in app mode when there is a
 * display, else only the printed URL). It runs in a process group of its own, recorded with
 * the sandbox, so every cleanup path can end it and the browser it opened.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { connectionFilePath, saveConnections } from '../main/connections/connection-file';
import { ovnHostName } from './ovn-lab';
import type { Sandbox } from './sandbox';

/** scripts/start.mjs of this checkout, from the sources or from a bundle in out/. */
export function findStartScript(): string | null {
  const candidates = [
    resolve(import.meta.dirname, '../../scripts/start.mjs'),
    resolve(import.meta.dirname, '../../../scripts/start.mjs'),
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

export interface UiOptions {
  readonly open: boolean;
  readonly shell?: 'electron' | 'browser';
  readonly port?: number;
  /** Each line the app prints (its `vnm UI: <url>` line among them). */
  readonly onLine?: (line: string) => void;
  /** More environment for the app (tests give VNM_SSH_CONFIG to reach a remote sandbox). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface Ui {
  readonly process: ChildProcess;
  /** Resolves with the URL once the app serves (browser shell), or null if it exits first. */
  readonly url: Promise<string | null>;
  /** Resolves when the app has exited (the window was closed, or stop()). */
  readonly exited: Promise<void>;
  /** SIGTERM to its group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    /* the group is gone */
  }
}

/** The OVN sandbox's host-b in the app's connection list, connected at start (once written, the app's). */
function seedConnections(sandbox: Sandbox, configHome: string): void {
  const file = connectionFilePath({ XDG_CONFIG_HOME: configHome });
  if (!sandbox.ovn || existsSync(file)) return;
  const uri = sandbox.ovn.connectUriB;
  saveConnections(file, [{ id: 'host-b', uri, autoconnect: true, name: ovnHostName(1) }]);
}

export function startUi(sandbox: Sandbox, script: string, opts: UiOptions): Ui {
  const configHome = join(sandbox.tmpDir, 'config');
  seedConnections(sandbox, configHome);
  const args = [script, '--connect', sandbox.connectUri];
  if (!opts.open) args.push('--no-open');
  if (opts.shell) args.push(`--shell=${opts.shell}`);
  if (opts.port !== undefined) args.push('--port', String(opts.port));
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A throw-away browser profile and any temp file of the app land in the sandbox's folder,
    // and so does its connection list: a sandbox never reads or changes the user's own.
    env: {
      ...process.env,
      TMPDIR: sandbox.tmpDir,
      XDG_CONFIG_HOME: configHome,
      ...opts.env,
    },
  });
  if (child.pid !== undefined) sandbox.adoptGroup(child.pid);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  let gotUrl: (url: string | null) => void = () => undefined;
  const url = new Promise<string | null>((res) => (gotUrl = res));
  void exited.then(() => gotUrl(null));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      opts.onLine?.(line);
      const m = /^vnm UI: (\S+)/.exec(line);
      if (m?.[1]) gotUrl(m[1]);
    });
  }
  return {
    process: child,
    url,
    exited,
    async stop(graceMs = 3000) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever it left in its group (a browser) goes too.
      signalGroup(child.pid, 'SIGKILL');
    },
  };
}
