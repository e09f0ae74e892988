/**
 * The guests a forward can point at: current DHCP leases and the network's static hosts,
 * one entry per address. An address a static host holds keeps its forward across new
 * leases; one held only by a dynamic lease may move, so the dialog offers to reserve it.
 */
import type { NetworkDef } from '@shared/model/network';
import { canonicalIp } from '@shared/net/ip';
import type { Lease } from '@shared/rpc/contract';

export interface GuestChoice {
  readonly address: string;
  readonly hostname: string | null;
  readonly mac: string | null;
  /** A static host (<dhcp><host>) gives this address: it survives a new lease. */
  readonly reserved: boolean;
}

const canonical = (address: string) => canonicalIp(address.trim());

/** Static hosts first (their names are the ones the admin chose), then leases not already named. */
export function guestChoices(def: NetworkDef | null, leases: readonly Lease[]): GuestChoice[] {
  const byAddress = new Map<string, GuestChoice>();
  for (const ip of def?.ips ?? []) {
    for (const h of ip.dhcp?.hosts ?? []) {
      if (!h.ip) continue;
      byAddress.set(canonical(h.ip), {
        address: h.ip,
        hostname: h.name ?? null,
        mac: h.mac ?? null,
        reserved: true,
      });
    }
  }
  for (const l of leases) {
    const key = canonical(l.ip);
    const known = byAddress.get(key);
    if (known) {
      byAddress.set(key, { ...known, hostname: known.hostname ?? l.hostname, mac: known.mac ?? l.mac });
    } else {
      byAddress.set(key, { address: l.ip, hostname: l.hostname, mac: l.mac, reserved: false });
    }
  }
  return [...byAddress.values()];
}

/** The choice for a typed or picked address, if a lease or static host knows it. */
export function guestAt(choices: readonly GuestChoice[], address: string): GuestChoice | undefined {
  if (!address.trim()) return undefined;
  const key = canonical(address);
  return choices.find((c) => canonical(c.address) === key);
}

/** How a guest reads in the picker: "web1 — 192.168.122.10 — 52:54:00:…". */
export function guestLabel(c: GuestChoice): string {
  return [c.hostname, c.address, c.mac].filter(Boolean).join(' — ');
}
