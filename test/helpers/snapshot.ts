/**
 * What a namespace looks like from the outside, for "the host is as before" checks: links,
 * addresses, routes, the nft ruleset, forwarding sysctls and the processes inside. Values
 * that change by themselves (counters, lifetimes, operstate flapping) are left out, so equal
 * snapshots mean nothing was left behind and nothing was taken away.
 */
import { readFileSync } from 'node:fs';
import type { TestNetns } from './netns';
import { capture } from './proc';

export interface NetnsSnapshot {
  readonly links: readonly string[];
  readonly addresses: readonly string[];
  readonly routes: readonly string[];
  readonly ruleset: unknown;
  readonly sysctls: Readonly<Record<string, string>>;
  readonly processes: readonly string[];
}

interface RawLink {
  ifname: string;
  mtu: number;
  address?: string;
  master?: string;
  flags?: string[];
  linkinfo?: { info_kind?: string };
  addr_info?: { local: string; prefixlen: number }[];
}

const SYSCTLS = ['net/ipv4/ip_forward', 'net/ipv6/conf/all/forwarding'];

async function json<T>(ns: TestNetns, cmd: string, args: string[]): Promise<T> {
  const r = await ns.exec(cmd, args);
  return JSON.parse(r.stdout.trim() || 'null') as T;
}

/** Drops counter values and handles, which differ between equal rulesets. */
function stripVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'handle' || k === 'metainfo') continue;
    out[k] = k === 'counter' ? {} : stripVolatile(v);
  }
  return out;
}

/**
 * Processes that belong to the programs under test, not to the host: vnmd's own long-lived
 * ip, ip monitor and nft (electron/helper/bridge/ip-batch.ts, bridge/link-monitor.ts,
 * firewall/nft-session.ts), and the esbuild service tsx starts, whenever it first compiles a
 * module, for the test runner in the namespace.
 */
const NOT_LEFT_BEHIND = /[ /](ip -force -batch -|ip -o monitor link|nft -i)$|\/esbuild --service=\S+ --ping$/;

/**
 * The read-only commands vnmd's findings keeper runs by itself, a moment after a lifecycle
 * event (electron/helper/findings/keeper.ts): a snapshot may catch one mid-run.
 */
const FINDINGS_READ = /^\d+ (\S*\/)?(nft -j list ruleset|ip6?tables-save( .*)?|ip -json .*|bridge -json .*)$/;

/** A zombie has exited and only waits for its parent to reap it: nothing is left behind. */
function isZombie(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

function processList(pids: number[]): string[] {
  return pids
    .map((pid) => {
      try {
        if (isZombie(pid)) return null;
        return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`;
      } catch {
        return null;
      }
    })
    .filter((p) => p === null || !FINDINGS_READ.test(p))
    .filter((p): p is string => p !== null && !NOT_LEFT_BEHIND.test(p))
    .sort();
}

export async function snapshot(ns: TestNetns): Promise<NetnsSnapshot> {
  const links = await json<RawLink[]>(ns, 'ip', ['-json', '-details', 'addr', 'show']);
  const routes4 = await json<{ dst: string; dev?: string; gateway?: string }[]>(ns, 'ip', [
    '-4',
    '-json',
    'route',
  ]);
  const routes6 = await json<{ dst: string; dev?: string; gateway?: string }[]>(ns, 'ip', [
    '-6',
    '-json',
    'route',
  ]);
  const ruleset = await json<{ nftables: unknown[] }>(ns, 'nft', ['-j', 'list', 'ruleset']);
  const sysctls: Record<string, string> = {};
  for (const key of SYSCTLS) {
    const r = await ns.tryExec('cat', [`/proc/sys/${key}`]);
    sysctls[key] = r.code === 0 ? r.stdout.trim() : 'absent';
  }
  const pids = await nsPids(ns);
  return {
    links: links
      .map((l) => {
        const up = l.flags?.includes('UP') ? 'up' : 'down';
        return `${l.ifname} ${l.linkinfo?.info_kind ?? '-'} mtu=${l.mtu} mac=${l.address ?? '-'} master=${l.master ?? '-'} ${up}`;
      })
      .sort(),
    addresses: links
      .flatMap((l) => (l.addr_info ?? []).map((a) => `${l.ifname} ${a.local}/${a.prefixlen}`))
      .sort(),
    routes: [...routes4, ...routes6]
      .map((r) => `${r.dst} dev=${r.dev ?? '-'} via=${r.gateway ?? '-'}`)
      .sort(),
    ruleset: stripVolatile(ruleset.nftables),
    sysctls,
    processes: processList(pids),
  };
}

async function nsPids(ns: TestNetns): Promise<number[]> {
  const r = await capture('ip', ['netns', 'pids', ns.name]);
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}
