/**
 * Guests of an OVN network that hold a lease but have no counters in the window's sample:
 * each chassis's vnmd counts only its own guests, and the window merges the counters of the
 * hosts it is connected to, so a guest on another host shows here only once that host is
 * connected. Grouped by host, so the Traffic tab can say which to connect to.
 */
import type { Lease, PortCounters } from '@shared/rpc/contract';

export interface UncountedHost {
  readonly host: string;
  readonly guests: number;
}

const norm = (mac: string | null | undefined) => mac?.toLowerCase() ?? null;

/**
 * Hosts the sample has counters from (some of their ports are in it), `localHost` (this
 * window's own vnmd) and `connected` (names of the window's connected connections: a local
 * one's name, or ssh's USER@HOST) are left out: a guest missing there is not a matter of
 * connecting.
 */
export function uncountedByHost(
  leases: readonly Lease[],
  ports: readonly PortCounters[],
  localHost: string | undefined,
  connected: readonly string[] = [],
): UncountedHost[] {
  const macs = new Set(ports.map((p) => norm(p.mac)).filter((m) => m !== null));
  const ips = new Set(ports.map((p) => p.ip).filter((ip) => ip !== null));
  const counted = new Set(ports.map((p) => p.host).filter((h) => h !== undefined));
  for (const name of connected) counted.add(name.slice(name.lastIndexOf('@') + 1));
  const guests = new Map<string, Set<string>>();
  for (const l of leases) {
    if (!l.host || l.host === localHost || counted.has(l.host)) continue;
    const mac = norm(l.mac);
    if ((mac !== null && macs.has(mac)) || ips.has(l.ip)) continue;
    // One guest holds an IPv4 and an IPv6 lease under one MAC: count it once.
    const set = guests.get(l.host) ?? new Set<string>();
    set.add(mac ?? l.clientId ?? l.ip);
    guests.set(l.host, set);
  }
  return [...guests]
    .map(([host, set]) => ({ host, guests: set.size }))
    .sort((a, b) => a.host.localeCompare(b.host));
}

/** The line the Traffic tab shows for one such host. */
export function uncountedText({ host, guests }: UncountedHost): string {
  const who = guests === 1 ? '1 guest' : `${guests} guests`;
  const whose = guests === 1 ? 'its' : 'their';
  return `${who} on ${host}: ${whose} traffic is counted on ${host} — connect to it (Connections) to see it here.`;
}
