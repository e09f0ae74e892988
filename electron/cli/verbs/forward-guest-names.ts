/**
 * The guest name net-forward-list shows beside each forward: the name of the static host
 * (<dhcp><host name ip>) with the forward's guest address, else the hostname its DHCP lease
 * gave, as the window's Port Forwarding tab names them. The admin's chosen name wins over
 * whatever a guest calls itself.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { PortForward } from '../../../shared/model/port-forward';
import { canonicalIp } from '../../../shared/net/ip';
import type { Lease } from '../../../shared/rpc/contract';

const canonical = (address: string): string => canonicalIp(address.trim());

/** Guest names by canonical address, from the definition's static hosts and the leases. */
export function guestNames(def: NetworkDef | null, leases: readonly Lease[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const l of leases) if (l.hostname) names.set(canonical(l.ip), l.hostname);
  for (const ip of def?.ips ?? []) {
    for (const h of ip.dhcp?.hosts ?? []) if (h.ip && h.name) names.set(canonical(h.ip), h.name);
  }
  return names;
}

/** The forwards with the name of their guest, null when neither a static host nor a lease names it. */
export function withGuestNames(
  forwards: readonly PortForward[],
  names: ReadonlyMap<string, string>,
): (PortForward & { guestName: string | null })[] {
  return forwards.map((f) => ({ ...f, guestName: names.get(canonical(f.guestAddress)) ?? null }));
}
