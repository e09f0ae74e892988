/**
 * An unprivileged attacker of vnmd's read-only socket (ro-flood.mjs run as a throwaway user)
 * and what the tests and bench:hardening measure while it attacks: vnmd's memory and root's
 * net-list over the read-write socket. Shared so the figures the bench prints come from the
 * same attack the regression tests run.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { connectVnmd } from '../../electron/client/client';
import type { TestNetns } from './netns';
import type { UnprivUser } from './unpriv-user';
import { makeDirs, startVnmd, type Vnmd, type VnmdOptions } from './vnmd';

const FLOOD = resolve(import.meta.dirname, 'ro-flood.mjs');

/** vnmd whose read-only socket the unprivileged user can reach (mkdtemp makes 0700 dirs). */
export async function vnmdOpenToAll(ns: TestNetns, opts: VnmdOptions = {}): Promise<Vnmd> {
  const dirs = opts.dirs ?? makeDirs();
  chmodSync(dirs.base, 0o755);
  const v = await startVnmd(ns, { ...opts, dirs });
  chmodSync(dirs.runtimeDir, 0o755);
  return v;
}

export interface Flood {
  readonly child: ChildProcess;
  /** The JSON line ro-flood.mjs prints when its work is done. */
  readonly result: Promise<Record<string, unknown>>;
  /** Closes its stdin, so it lets go of its connections and exits. */
  end(): Promise<void>;
}

/** Runs `ro-flood.mjs SOCKET ARGS...` as `user` (see that file for the modes). */
export function flood(user: UnprivUser, socket: string, ...args: string[]): Flood {
  const child = user.spawn('node', [FLOOD, socket, ...args]);
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((res) =>
    child.exitCode !== null ? res() : child.once('exit', () => res()),
  );
  const result = new Promise<Record<string, unknown>>((res, rej) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1) res(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
    });
    void exited.then(() => rej(new Error(`flood exited without a result: ${err}`)));
  });
  return {
    child,
    result,
    async end() {
      child.stdin?.end();
      await exited;
    },
  };
}

/** VmRSS and VmHWM (peak) of a process, in MiB. */
export function memory(pid: number): { rss: number; peak: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

export const alive = (pid: number): boolean => existsSync(`/proc/${pid}/status`);

/** Root's net-list over the read-write socket: connect, call, close; returns milliseconds. */
export async function rootListMs(v: Vnmd): Promise<number> {
  const t0 = performance.now();
  const client = await connectVnmd(v.dirs.socket);
  try {
    await client.call('network.list', { filter: 'all' });
  } finally {
    client.close();
  }
  return performance.now() - t0;
}

/** A network whose XML (and so each network.getXml answer) is about 40 KiB: 400 static hosts. */
export function bigNetworkXml(name: string, bridge: string): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const hosts = Array.from(
    { length: 400 },
    (_, i) =>
      `<host mac='52:54:00:00:${hex(i >> 8)}:${hex(i & 255)}' name='guest-with-a-long-name-${i}' ip='10.61.${1 + (i >> 8)}.${i & 255}'/>`,
  );
  return `<network><name>${name}</name><bridge name='${bridge}'/><ip address='10.61.0.1' prefix='16'><dhcp>${hosts.join('')}</dhcp></ip></network>`;
}
