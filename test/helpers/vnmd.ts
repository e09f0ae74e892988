/**
 * vnmd for integration tests: the real daemon (the bundled CLI, `vnm daemon`) inside a test
 * namespace, with its config, state and runtime dirs in a temp folder, plus ways to talk to
 * it: the RPC client, raw socket lines, and the `vnm` CLI as a separate process.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';
import { connectVnmd } from '../../electron/client/client';
import type { VnmClient } from '../../electron/client/client';
import type { TestNetns } from './netns';
import { capture } from './proc';
import type { Captured } from './proc';
import { snapshot } from './snapshot';
import type { NetnsSnapshot } from './snapshot';

const ROOT = resolve(import.meta.dirname, '../..');
let bundle: Promise<string> | null = null;

/** Bundles the CLI once per test process into a temp folder (never races `npm run build`). */
export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnmt-cli-'));
    const file = join(dir, 'vnm.mjs');
    await build({
      input: join(ROOT, 'electron/cli/main.ts'),
      platform: 'node',
      external: ['electron', /^node:/],
      logLevel: 'warn',
      // One file: the CLI's lazily loaded verbs (daemon, demo) are inlined.
      output: { file, format: 'esm', codeSplitting: false },
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return bundle;
}

export interface VnmdDirs {
  readonly base: string;
  readonly configDir: string;
  readonly stateDir: string;
  readonly runtimeDir: string;
  readonly socket: string;
  readonly roSocket: string;
}

export function makeDirs(): VnmdDirs {
  const base = mkdtempSync(join(tmpdir(), 'vnmt-vnmd-'));
  // dnsmasq drops to nobody and re-reads its hosts files on SIGHUP: as /var/lib/vnm and
  // /run/vnm are, the folders must be open to it (mkdtemp makes them 0700).
  chmodSync(base, 0o755);
  const runtimeDir = join(base, 'run');
  return {
    base,
    configDir: join(base, 'etc'),
    stateDir: join(base, 'lib'),
    runtimeDir,
    socket: join(runtimeDir, 'vnmd.sock'),
    roSocket: join(runtimeDir, 'vnmd-ro.sock'),
  };
}

export interface VnmdOptions {
  readonly dirs?: VnmdDirs;
  readonly env?: Record<string, string>;
  readonly args?: readonly string[];
  /** A command vnmd runs under (e.g. setpriv with a systemd unit's restrictions). */
  readonly wrap?: readonly string[];
  /** Starts vnmd with this RLIMIT_NOFILE (soft and hard), through prlimit. */
  readonly nofile?: number;
}

export interface Vnmd {
  readonly ns: TestNetns;
  readonly dirs: VnmdDirs;
  readonly pid: number;
  /** Everything vnmd wrote to stderr so far. */
  log(): string;
  client(readOnly?: boolean): Promise<VnmClient>;
  /** Runs `vnm -c unix:SOCKET ARGS...` as its own process (inside the namespace). */
  cli(
    args: readonly string[],
    opts?: { readOnly?: boolean; env?: Record<string, string>; input?: string; socket?: string },
  ): Promise<Captured>;
  /** Sends raw lines and collects one response line per line sent. */
  raw(lines: readonly string[], readOnly?: boolean): Promise<unknown[]>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((res) =>
    child.exitCode !== null || child.signalCode !== null ? res() : child.once('exit', () => res()),
  );
}

async function waitForSocket(path: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`vnmd exited early:\n${log()}`);
    const ok = await new Promise<boolean>((res) => {
      const s = createConnection(path);
      s.once('connect', () => (s.destroy(), res(true)));
      s.once('error', () => res(false));
    });
    if (ok && log().includes('listening')) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`vnmd did not listen on ${path} within 15 s:\n${log()}`);
}

/**
 * Every vnmd this process started that has not exited, every client opened to one and every
 * folder one ran in, so that a file's teardown ends them all, including a vnmd that a test
 * started again after killing the first.
 */
const liveDaemons = new Set<Vnmd>();
const openClients = new Set<VnmClient>();
const usedDirs = new Set<VnmdDirs>();

/** Closes every client, kills every vnmd this process started and returns the folders they used. */
export async function killAllVnmd(): Promise<VnmdDirs[]> {
  for (const c of openClients) c.close();
  openClients.clear();
  await Promise.all([...liveDaemons].map((d) => d.kill()));
  const dirs = [...usedDirs];
  usedDirs.clear();
  return dirs;
}

async function trackedClient(path: string): Promise<VnmClient> {
  const c = await connectVnmd(path);
  openClients.add(c);
  c.onClose(() => openClients.delete(c));
  return c;
}

export async function startVnmd(ns: TestNetns, opts: VnmdOptions = {}): Promise<Vnmd> {
  const cli = await cliBundle();
  const dirs = opts.dirs ?? makeDirs();
  usedDirs.add(dirs);
  const args = [cli, 'daemon', '--config-dir', dirs.configDir, '--state-dir', dirs.stateDir];
  args.push('--runtime-dir', dirs.runtimeDir, ...(opts.args ?? []));
  const limit = opts.nofile ? ['prlimit', `--nofile=${opts.nofile}:${opts.nofile}`] : [];
  const [cmd = 'node', ...prefix] = [...limit, ...(opts.wrap ?? []), 'node'];
  const child = ns.spawn(cmd, [...prefix, ...args], { env: opts.env });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (stderr += c.toString()));
  const log = () => stderr;
  await waitForSocket(dirs.socket, child, log);
  const socketOf = (ro?: boolean) => (ro ? dirs.roSocket : dirs.socket);
  const vnmd: Vnmd = {
    ns,
    dirs,
    pid: child.pid!,
    log,
    client: (ro) => trackedClient(socketOf(ro)),
    cli: (cliArgs, o = {}) =>
      capture(
        'ip',
        ['netns', 'exec', ns.name, 'node', cli, '-c', `unix:${o.socket ?? socketOf(o.readOnly)}`, ...cliArgs],
        {
          env: o.env,
          input: o.input,
          timeoutMs: 60_000,
        },
      ),
    raw: (lines, ro) => rawExchange(socketOf(ro), lines),
    async stop() {
      child.kill('SIGTERM');
      await waitExit(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await waitExit(child);
    },
  };
  liveDaemons.add(vnmd);
  child.once('exit', () => liveDaemons.delete(vnmd));
  return vnmd;
}

/** Sends each line and waits for one response line per line sent. */
export function rawExchange(path: string, lines: readonly string[]): Promise<unknown[]> {
  return new Promise((res, rej) => {
    const s = createConnection(path);
    const replies: unknown[] = [];
    let buf = '';
    const timer = setTimeout(
      () => (s.destroy(), rej(new Error(`timeout; got ${JSON.stringify(replies)}`))),
      20_000,
    );
    s.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        replies.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
      }
      if (replies.length >= lines.length) {
        clearTimeout(timer);
        s.destroy();
        res(replies);
      }
    });
    s.on('error', rej);
    s.on('connect', () => {
      for (const l of lines) s.write(l.endsWith('\n') ? l : `${l}\n`);
    });
  });
}

export function removeDirs(dirs: VnmdDirs): void {
  rmSync(dirs.base, { recursive: true, force: true });
}

/** A snapshot of the namespace without vnmd's own process, which a restart replaces. */
export async function hostSnapshot(ns: TestNetns): Promise<NetnsSnapshot> {
  const s = await snapshot(ns);
  return { ...s, processes: s.processes.filter((p) => !/ daemon --config-dir /.test(p)) };
}
