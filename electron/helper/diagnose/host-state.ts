/**
 * One read of everything the host-side checks look at, taken at once so that the checks
 * themselves stay pure (and unit-testable): links with addresses, routes, sysctls, the
 * nft ruleset and bound UDP sockets. Three programs run (ip, nft); the rest is /proc.
 */
import type { HostRoute } from '../bridge/routes';
import { readSysctl } from '../bridge/sysctl';
import { runJson } from '../exec';
import { hostRoutes } from '../bridge/proc-net';
import type { NftRuleset } from './nft-ruleset';
import { readRuleset } from './read-ruleset';
import { boundUdpSockets, type BoundSocket } from './proc-sockets';

export interface LinkState {
  readonly name: string;
  /** Administratively up (the UP flag), whatever the carrier. */
  readonly up: boolean;
  /** operstate, lower case: up, down, unknown, lowerlayerdown... */
  readonly oper: string;
  readonly mtu: number;
  /** ADDRESS/PREFIX. */
  readonly addresses: readonly string[];
}

export interface HostState {
  readonly links: ReadonlyMap<string, LinkState>;
  readonly routes: readonly HostRoute[];
  readonly ipv4Forward: boolean;
  readonly ipv6Forward: boolean;
  /** bridge-nf-call-iptables / ip6tables; false when br_netfilter is absent. */
  readonly brNfIp: boolean;
  readonly brNfIp6: boolean;
  readonly ruleset: NftRuleset;
  readonly udp: readonly BoundSocket[];
}

interface RawAddr {
  ifname: string;
  flags?: string[];
  operstate?: string;
  mtu: number;
  addr_info?: { local?: string; prefixlen?: number }[];
}

export function toLinkState(raw: RawAddr): LinkState {
  return {
    name: raw.ifname,
    up: (raw.flags ?? []).includes('UP'),
    oper: (raw.operstate ?? 'unknown').toLowerCase(),
    mtu: raw.mtu,
    addresses: (raw.addr_info ?? [])
      .filter((a) => a.local !== undefined && a.prefixlen !== undefined)
      .map((a) => `${a.local}/${a.prefixlen}`),
  };
}

const on = (key: string) =>
  readSysctl(key).then(
    (v) => v === '1',
    () => false,
  );

export async function readHostState(): Promise<HostState> {
  const [raw, ruleset, routes, ipv4Forward, ipv6Forward, brNfIp, brNfIp6] = await Promise.all([
    runJson<RawAddr[] | null>('ip', ['-json', 'addr', 'show']),
    readRuleset(),
    hostRoutes(),
    on('net/ipv4/ip_forward'),
    on('net/ipv6/conf/all/forwarding'),
    on('net/bridge/bridge-nf-call-iptables'),
    on('net/bridge/bridge-nf-call-ip6tables'),
  ]);
  const links = new Map((raw ?? []).map((r) => [r.ifname, toLinkState(r)]));
  return { links, routes, ipv4Forward, ipv6Forward, brNfIp, brNfIp6, ruleset, udp: boundUdpSockets() };
}
