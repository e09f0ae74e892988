/**
 * The host addresses a forward can listen on: the host's own addresses outside every
 * network vnm runs (a bridge's gateway address is the network's, not the outside's),
 * without loopback and link-local ones, which no one outside can reach by a forward.
 */
import { parseIp } from '@shared/net/ip';
import type { HostInterface } from '@shared/rpc/contract';

export interface HostAddressChoice {
  readonly address: string;
  readonly interface: string;
}

function reachableFromOutside(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const range = ip.range();
  return range !== 'loopback' && range !== 'linkLocal' && range !== 'unspecified';
}

export function hostAddressChoices(
  interfaces: readonly HostInterface[],
  networkBridges: readonly string[],
): HostAddressChoice[] {
  const bridges = new Set(networkBridges);
  const out: HostAddressChoice[] = [];
  for (const i of interfaces) {
    if (bridges.has(i.name) || (i.master && bridges.has(i.master))) continue;
    for (const cidr of i.addresses) {
      const address = cidr.split('/')[0] ?? '';
      if (reachableFromOutside(address)) out.push({ address, interface: i.name });
    }
  }
  return out;
}
