/**
 * Host-wide findings (issue 13): what breaks every network at once, so the window's Overview
 * can say it once instead of on each network: IPv4/IPv6 forwarding off, no default route, and
 * another tool's base chain at the forward or input hook whose policy is drop. Pure over one
 * HostState read, like the checklist's host lines.
 */
import { shellLine } from '../diagnose/argv';
import type { HostState } from '../diagnose/host-state';
import type { NftChain } from '../diagnose/nft-ruleset';
import { isVnmTableName, TABLE_FAMILY, VNM_TABLE } from '../firewall/table-name';

export interface HostFinding {
  /** Stable: 'ipv4-forwarding', 'ipv6-forwarding', 'default-route', 'drop-policy:FAMILY TABLE CHAIN'. */
  readonly id: string;
  /**
   * fail: it breaks guests' traffic as it stands (IPv4 forwarding off, a drop policy at
   * forward, IPv6 forwarding off while a running network forwards IPv6). warn: it may be
   * deliberate and breaks only some networks, each of whose checklist says so: no default
   * route (an offline host, routed or isolated networks need none), IPv6 forwarding off with
   * no IPv6 network running (turning it on also stops the host accepting router
   * advertisements, so we do not push it), a drop policy at input (an ordinary host firewall;
   * DHCP and DNS break only if its rules do not accept them).
   */
  readonly status: 'warn' | 'fail';
  /** One sentence a person can act on. */
  readonly summary: string;
  /** The command that would fix it, or null when only the person can say what is right. */
  readonly fix: string | null;
}

const HOOKS = ['forward', 'input'];

const isVnm = (c: NftChain) =>
  c.family === TABLE_FAMILY && (c.table === VNM_TABLE || isVnmTableName(c.table));

/** What the running networks need of the host, for the status of what is missing. */
export interface HostNeeds {
  /** A running network forwards IPv6 (NAT, routed or open with an IPv6 address). */
  readonly ipv6Forwarding: boolean;
}

function forwarding(h: HostState, needs: HostNeeds): HostFinding[] {
  const out: HostFinding[] = [];
  if (!h.ipv4Forward)
    out.push({
      id: 'ipv4-forwarding',
      status: 'fail',
      summary:
        'IPv4 forwarding is off (net.ipv4.ip_forward = 0): NAT and routed guests cannot leave the host.',
      fix: shellLine([['sysctl', '-w', 'net.ipv4.ip_forward=1']]),
    });
  if (!h.ipv6Forward)
    out.push({
      id: 'ipv6-forwarding',
      status: needs.ipv6Forwarding ? 'fail' : 'warn',
      summary:
        'IPv6 forwarding is off (net.ipv6.conf.all.forwarding = 0): guests of IPv6 networks cannot leave the host.',
      fix: shellLine([['sysctl', '-w', 'net.ipv6.conf.all.forwarding=1']]),
    });
  return out;
}

function defaultRoute(h: HostState): HostFinding[] {
  if (h.routes.some((r) => r.family === 4 && r.dst === '0.0.0.0/0')) return [];
  return [
    {
      id: 'default-route',
      status: 'warn',
      summary: 'The host has no IPv4 default route: no guest can reach the Internet.',
      fix: null,
    },
  ];
}

function dropPolicies(h: HostState): HostFinding[] {
  return [...h.ruleset.chains.values()]
    .filter((c) => c.hook !== null && HOOKS.includes(c.hook) && c.policy === 'drop' && !isVnm(c))
    .map((c) => ({
      id: `drop-policy:${c.family} ${c.table} ${c.name}`,
      status: c.hook === 'forward' ? ('fail' as const) : ('warn' as const),
      summary: `Table ${c.family} ${c.table} chain ${c.name} drops at the ${c.hook} hook what its rules do not accept (policy drop).`,
      // Which accept is right depends on the network: each network's checklist gives it.
      fix: null,
    }));
}

/** Everything wrong with the host as a whole, in the order a person would look. */
export function hostFindings(h: HostState, needs: HostNeeds = { ipv6Forwarding: false }): HostFinding[] {
  return [...forwarding(h, needs), ...defaultRoute(h), ...dropPolicies(h)];
}
