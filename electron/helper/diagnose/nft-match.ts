/**
 * Whether one match expression of a rule holds for a probe packet: true, false, or null
 * when the expression is one this simple evaluator does not understand (then the caller
 * says "maybe" rather than guess). Covers what firewalls write for this traffic: interface
 * names (with iptables' `+` wildcard, which nft shows as `*`), addresses and prefixes,
 * protocols, ports, and conntrack state.
 */
import { cidrsOverlap, parseAddress, tryParseCidr } from '../../../shared/net/cidr';
import type { NftExpr } from './nft-ruleset';

/** A packet as the checks imagine it: what a guest (or the wan) would send. */
export interface Probe {
  readonly family: 4 | 6;
  /** Input and output interface; undefined where the hook has none yet (prerouting). */
  readonly iif?: string;
  readonly oif?: string;
  readonly saddr: string;
  readonly daddr: string;
  readonly l4proto: 'tcp' | 'udp';
  readonly sport: number;
  readonly dport: number;
  readonly ct: 'new' | 'established';
}

type Value = string | number | undefined;
type Tri = boolean | null;

/** The probe's value for the left side of a match, or null when it is not one we model. */
function leftValue(left: NftExpr, p: Probe): { value: Value; kind: 'name' | 'addr' | 'num' | 'ct' } | null {
  const meta = (left.meta as { key?: string } | undefined)?.key;
  if (meta === 'iifname' || meta === 'iif') return { value: p.iif, kind: 'name' };
  if (meta === 'oifname' || meta === 'oif') return { value: p.oif, kind: 'name' };
  if (meta === 'l4proto') return { value: p.l4proto, kind: 'name' };
  if (meta === 'nfproto') return { value: p.family === 4 ? 'ipv4' : 'ipv6', kind: 'name' };
  const ct = (left.ct as { key?: string } | undefined)?.key;
  if (ct === 'state') return { value: p.ct, kind: 'ct' };
  const pl = left.payload as { protocol?: string; field?: string } | undefined;
  if (!pl?.protocol || !pl.field) return null;
  return payloadValue(pl.protocol, pl.field, p);
}

function payloadValue(
  protocol: string,
  field: string,
  p: Probe,
): { value: Value; kind: 'name' | 'addr' | 'num' } | null {
  if (protocol === 'ip' || protocol === 'ip6') {
    // A match on the other family's header never holds (nft adds that dependency itself).
    if ((protocol === 'ip') !== (p.family === 4)) return { value: undefined, kind: 'addr' };
    if (field === 'saddr') return { value: p.saddr, kind: 'addr' };
    if (field === 'daddr') return { value: p.daddr, kind: 'addr' };
    if (field === 'protocol' || field === 'nexthdr') return { value: p.l4proto, kind: 'name' };
    return null;
  }
  if (protocol === 'tcp' || protocol === 'udp' || protocol === 'th') {
    if (protocol !== 'th' && protocol !== p.l4proto) return { value: undefined, kind: 'num' };
    if (field === 'dport') return { value: p.dport, kind: 'num' };
    if (field === 'sport') return { value: p.sport, kind: 'num' };
    return null;
  }
  // Another header (icmp, sctp...): absent from a TCP or UDP probe.
  if (['icmp', 'icmpv6', 'sctp', 'dccp', 'udplite', 'esp', 'ah'].includes(protocol)) {
    return { value: undefined, kind: 'num' };
  }
  return null;
}

function nameMatches(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

/** Whether `value` is in `right` (one value, a prefix, a range or a set of those); null if unknown. */
function contains(right: unknown, value: string | number, kind: string): Tri {
  if (Array.isArray(right)) return anyOf(right, value, kind);
  if (right && typeof right === 'object') {
    const o = right as Record<string, unknown>;
    if (Array.isArray(o.set)) return anyOf(o.set, value, kind);
    if (o.prefix && typeof value === 'string') {
      const pre = o.prefix as { addr: string; len: number };
      const net = tryParseCidr(`${pre.addr}/${pre.len}`);
      const addr = tryParseCidr(`${value}/${value.includes(':') ? 128 : 32}`);
      return net && addr ? net.family === addr.family && cidrsOverlap(net, addr) : null;
    }
    if (Array.isArray(o.range)) return inRange(o.range as unknown[], value);
    return null;
  }
  if (typeof right === 'number') return typeof value === 'number' ? right === value : null;
  if (typeof right !== 'string') return null;
  if (kind === 'name' || kind === 'ct') return nameMatches(right, String(value));
  if (kind === 'addr') {
    const a = parseAddress(right);
    const b = parseAddress(String(value));
    return a && b ? a.family === b.family && a.value === b.value : null;
  }
  if (kind === 'num' && /^\d+$/.test(right)) return Number(right) === value;
  return null;
}

function anyOf(items: readonly unknown[], value: string | number, kind: string): Tri {
  let unknown = false;
  for (const item of items) {
    const r = contains(item, value, kind);
    if (r === true) return true;
    if (r === null) unknown = true;
  }
  return unknown ? null : false;
}

function inRange(range: readonly unknown[], value: string | number): Tri {
  const [lo, hi] = range;
  if (typeof value === 'number' && typeof lo === 'number' && typeof hi === 'number') {
    return value >= lo && value <= hi;
  }
  if (typeof value === 'string' && typeof lo === 'string' && typeof hi === 'string') {
    const [a, b, v] = [parseAddress(lo), parseAddress(hi), parseAddress(value)];
    if (!a || !b || !v) return null;
    return v.family === a.family && v.value >= a.value && v.value <= b.value;
  }
  return null;
}

/** One `match` expression against the probe. */
export function matchHolds(match: { op?: string; left: NftExpr; right: unknown }, p: Probe): Tri {
  const left = leftValue(match.left, p);
  if (!left) return null;
  const op = match.op ?? '==';
  // No such header or interface in this packet: an equality fails, an inequality holds.
  const found =
    left.value === undefined
      ? left.kind === 'name'
        ? null
        : false
      : contains(match.right, left.value, left.kind);
  if (found === null) return null;
  if (op === '==' || op === 'in') return found;
  if (op === '!=') return !found;
  return null;
}
