/**
 * The nft rules of a network's port forwards (issue #14). Each forward owns one chain,
 * `pf<key>.<protocol>.<first host port>[.<host address in hex>]`, holding its DNAT, and the
 * elements of the dnat4_jumps/dnat6_jumps maps (host address . protocol . host ports) that
 * jump to it from the base chains `prerouting` (traffic from outside, and hairpin from the
 * network itself) and `output_nat` (the host's own connections to its own address); both
 * look only at packets for a local address (`fib daddr type local`). So a forward is added
 * or removed live by adding or deleting its chain and elements alone: the other forwards'
 * chains, rules and handles stay as they were, and their connections keep flowing.
 *
 * The network's own chains (rules.ts) accept the DNAT'd connections into the bridge
 * (`ct status dnat`) and masquerade hairpin connections so replies come back through the
 * host.
 */
import type { PortForward, PortRange } from '../../../shared/model/port-forward';
import { parseAddress } from '../../../shared/net/cidr';
import { canonicalIp } from '../../../shared/net/ip';
import { VnmError } from '../../../shared/rpc/errors';
import type { NftElement } from './nft-element';

export type NftFamily = 'ip' | 'ip6';

export interface CheckedForward {
  readonly family: NftFamily;
  readonly protocols: readonly ('tcp' | 'udp')[];
  readonly protocol: PortForward['protocol'];
  /** Canonical, or null for every host address outside the network. */
  readonly hostAddress: string | null;
  readonly hostPort: PortRange;
  readonly guestAddress: string;
  readonly guestPort: PortRange;
}

function invalid(message: string): VnmError {
  return new VnmError('invalid-argument', message);
}

function canonical(text: string, what: string): { text: string; family: NftFamily; hex: string } {
  const a = parseAddress(text);
  if (!a) throw invalid(`The port forward's ${what} '${text}' is not an IP address: write it as 192.0.2.10.`);
  const hex = a.value.toString(16).padStart(a.family === 4 ? 8 : 32, '0');
  return { text: canonicalIp(text), family: a.family === 4 ? 'ip' : 'ip6', hex };
}

function checkRange(range: PortRange, what: string): PortRange {
  const ok = [range.start, range.end].every((p) => Number.isInteger(p) && p >= 1 && p <= 65535);
  if (!ok || range.start > range.end) {
    throw invalid(`The port forward's ${what} ${range.start}-${range.end} is not a range of ports 1-65535.`);
  }
  return { start: range.start, end: range.end };
}

/** Checks the values that reach nft (addresses, ports); the rest is shared/validation's. */
export function checkForward(f: PortForward): CheckedForward {
  const guest = canonical(f.guestAddress, 'guest address');
  const host = f.hostAddress === undefined ? null : canonical(f.hostAddress, 'host address');
  if (host && host.family !== guest.family) {
    throw invalid(
      `The port forward's host address ${host.text} and guest ${guest.text} are of different families.`,
    );
  }
  const hostPort = checkRange(f.hostPort, 'host ports');
  const guestPort = checkRange(f.guestPort, 'guest ports');
  if (hostPort.end - hostPort.start !== guestPort.end - guestPort.start) {
    throw invalid(`The port forward's host and guest port ranges differ in length.`);
  }
  const protocols =
    f.protocol === 'all'
      ? (['tcp', 'udp'] as const)
      : f.protocol === 'tcp'
        ? (['tcp'] as const)
        : f.protocol === 'udp'
          ? (['udp'] as const)
          : null;
  if (!protocols)
    throw invalid(`The port forward's protocol '${String(f.protocol)}' is unknown: use tcp, udp or all.`);
  return {
    family: guest.family,
    protocols,
    protocol: f.protocol,
    hostAddress: host?.text ?? null,
    hostPort,
    guestAddress: guest.text,
    guestPort,
  };
}

/** The forward's chain: unique in a network, since no two of its forwards share this key. */
export function forwardChainName(key: string, f: CheckedForward): string {
  const addr = f.hostAddress === null ? '' : `.${canonical(f.hostAddress, 'host address').hex}`;
  return `pf${key}.${f.protocol}.${f.hostPort.start}${addr}`;
}

const ports = (r: PortRange): string => (r.start === r.end ? String(r.start) : `${r.start}-${r.end}`);

function dnatTarget(f: CheckedForward): string {
  const addr = f.family === 'ip6' ? `[${f.guestAddress}]` : f.guestAddress;
  if (f.hostPort.start === f.guestPort.start) return f.guestAddress; // same ports: keep them
  if (f.hostPort.start === f.hostPort.end) return `${addr}:${f.guestPort.start}`;
  // Each host port to its own guest port: nft has no port offset, so a map does it.
  const pairs: string[] = [];
  for (let p = f.hostPort.start; p <= f.hostPort.end; p++)
    pairs.push(`${p} : ${p - f.hostPort.start + f.guestPort.start}`);
  return `${addr} : th dport map { ${pairs.join(', ')} }`;
}

/** The forward's DNAT rules; `subnets` are the network's own (excluded when any address is meant). */
export function forwardChainRules(f: CheckedForward, subnets: readonly string[]): string[] {
  const notInside =
    f.hostAddress === null && subnets.length > 0 ? `${f.family} daddr != { ${subnets.join(', ')} } ` : '';
  return f.protocols.map(
    (proto) => `${notInside}meta l4proto ${proto} counter dnat ${f.family} to ${dnatTarget(f)}`,
  );
}

/** The map elements that jump to the forward's chain, one per protocol. */
export function forwardElements(f: CheckedForward, chain: string): NftElement[] {
  const any = f.family === 'ip' ? '0.0.0.0/0' : '::/0';
  return f.protocols.map((proto) => ({
    set: f.family === 'ip' ? ('dnat4_jumps' as const) : ('dnat6_jumps' as const),
    key: `${f.hostAddress ?? any} . ${proto} . ${ports(f.hostPort)}`,
    verdict: `jump ${chain}`,
  }));
}
