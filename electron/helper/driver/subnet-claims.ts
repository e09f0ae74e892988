/**
 * The subnet check before a start. libvirt refuses only a subnet the host routes exactly;
 * vnm refuses any overlap (a /25 inside a running /24 breaks routing for both): with another
 * network running or starting, with a host route other than the default route, and with the
 * subnet of a host address (which may have no route, e.g. `noprefixroute`). The error names
 * the other network, or the interface.
 */
import { readFileSync } from 'node:fs';
import type { NetworkDef } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';
import type { HostRoute } from '../bridge/routes';
import { runJson } from '../exec';
import { cidrsOverlap, formatCidr, parseCidr, tryParseCidr } from '../../../shared/net/cidr';
import { addressCidrs } from './host-steps';
import { hostRoutes } from '../bridge/proc-net';
import type { NetworkTable } from './table';

/** A subnet something else holds: a network (running or starting) or an interface. */
export interface TakenSubnet {
  readonly cidr: string;
  readonly network: string | null;
  readonly dev: string | null;
  readonly what: 'network' | 'route' | 'address';
}

/** Pure: the first taken subnet that overlaps `cidr` (equal, inside or around it), or null. */
export function overlapIn(taken: readonly TakenSubnet[], cidr: string): TakenSubnet | null {
  const mine = parseCidr(cidr);
  for (const t of taken) {
    const other = tryParseCidr(t.cidr);
    // The default route overlaps everything by design; it is where traffic goes otherwise.
    if (other && other.prefix > 0 && cidrsOverlap(mine, other)) return t;
  }
  return null;
}

export function overlapError(cidr: string, t: TakenSubnet): VnmError {
  const subnet = formatCidr(parseCidr(cidr));
  const todo = 'choose a subnet that overlaps no other network, route or address of this host';
  // libvirt's wording ("already in use by interface") where it applies, so scripts keep matching.
  const message =
    t.network !== null
      ? `Network is already in use: subnet ${subnet} overlaps ${formatCidr(parseCidr(t.cidr))} of network '${t.network}'${t.dev ? ` (bridge ${t.dev})` : ''}; ${todo}.`
      : `Network is already in use by interface ${t.dev ?? 'none'} (${t.what} ${t.cidr} overlaps ${subnet}); ${todo}.`;
  return new VnmError('conflict', message);
}

function networksOf(table: NetworkTable | undefined, self: string): TakenSubnet[] {
  const out: TakenSubnet[] = [];
  for (const e of table?.all() ?? []) {
    if (e.name === self || !e.live) continue;
    for (const { cidr } of addressCidrs(e.live)) {
      out.push({ cidr, network: e.name, dev: e.status?.bridge ?? null, what: 'network' });
    }
  }
  return out;
}

interface RawAddrInfo {
  ifname?: string;
  addr_info?: { family?: string; local?: string; prefixlen?: number }[];
}

/** IPv6 addresses with their prefix, from /proc/net/if_inet6 (no process to spawn). */
function ipv6Addresses(): TakenSubnet[] {
  let text: string;
  try {
    text = readFileSync('/proc/self/net/if_inet6', 'utf8');
  } catch {
    return []; // no IPv6 in this kernel or namespace
  }
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 6 && f[0]!.length === 32)
    .map((f) => ({
      cidr: `${f[0]!.match(/.{4}/g)!.join(':')}/${parseInt(f[2]!, 16)}`,
      network: null,
      dev: f[5] ?? null,
      what: 'address' as const,
    }));
}

/** IPv4 addresses with their prefix; the kernel shows them only through netlink. */
async function ipv4Addresses(): Promise<TakenSubnet[]> {
  const links = await runJson<RawAddrInfo[] | null>('ip', ['-4', '-json', 'addr', 'show']);
  return (links ?? []).flatMap((l) =>
    (l.addr_info ?? [])
      .filter((a) => a.family === 'inet' && a.local !== undefined && a.prefixlen !== undefined)
      .map((a) => ({
        cidr: `${a.local}/${a.prefixlen}`,
        network: null,
        dev: l.ifname ?? null,
        what: 'address' as const,
      })),
  );
}

function routesTaken(routes: readonly HostRoute[], bridges: Map<string, string>): TakenSubnet[] {
  return routes.map((r) => ({
    cidr: r.dst,
    network: (r.dev && bridges.get(r.dev)) ?? null,
    dev: r.dev,
    what: 'route' as const,
  }));
}

/** One driver's subnets of networks being started now, whose routes may not exist yet. */
export class SubnetClaims {
  private readonly starting = new Map<string, TakenSubnet[]>();

  /**
   * Checks the network's subnets against everything else, then claims them until the returned
   * function is called. The check and the claim happen with no await between them, so two
   * networks starting at once with overlapping subnets cannot both pass.
   */
  async claim(def: NetworkDef, bridge: string, table?: NetworkTable): Promise<() => void> {
    const cidrs = addressCidrs(def);
    if (cidrs.length === 0) return () => undefined;
    const bridges = new Map<string, string>();
    for (const e of table?.all() ?? []) if (e.live && e.status?.bridge) bridges.set(e.status.bridge, e.name);
    const host = [
      ...routesTaken(await hostRoutes(), bridges),
      ...(cidrs.some((c) => c.family === 'ipv4') ? await ipv4Addresses() : []),
      ...ipv6Addresses(),
    ];
    // Networks first, so the error names a network rather than its bridge when it can.
    const taken = [...networksOf(table, def.name), ...[...this.starting.values()].flat(), ...host];
    const claim = cidrs.map(({ cidr }): TakenSubnet => {
      const other = overlapIn(taken, cidr);
      if (other) throw overlapError(cidr, other);
      return { cidr, network: def.name, dev: bridge, what: 'network' };
    });
    this.starting.set(def.name, claim);
    return () => void this.starting.delete(def.name);
  }
}
