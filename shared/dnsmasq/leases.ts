/**
 * dnsmasq's leases file (dhcp-leasefile=), as dnsmasq 2.90 writes it (lease.c):
 *   IPv4:  EXPIRY MAC IP HOSTNAME CLIENTID
 *   then, when DHCPv6 is on, one `duid SERVER-DUID` line followed by
 *   IPv6:  EXPIRY IAID IP HOSTNAME CLIENT-DUID      (IAID prefixed with T for temporary addresses)
 * EXPIRY is epoch seconds, 0 for an infinite lease; `*` stands for an absent hostname or id.
 */
import type { NetworkDef } from '../model/network';
import type { Lease as LeaseRow } from '../rpc/contract';
import { libvirtPrefix } from '../net/subnet';
import { formatIp, parseIpAsLibvirt } from '../net/ip';

export interface LeaseRecord {
  readonly protocol: 'ipv4' | 'ipv6';
  /** Epoch seconds; 0 for an infinite lease. */
  readonly expiry: number;
  /** IPv4 only: the client's hardware address (dnsmasq prefixes non-Ethernet ones with TYPE-). */
  readonly mac: string | null;
  /** IPv6 only: the identity association id (IAID). */
  readonly iaid: number | null;
  readonly ip: string;
  readonly hostname: string | null;
  /** IPv4 client-identifier or IPv6 client DUID. */
  readonly clientId: string | null;
}

export interface LeasesFile {
  /** The server DUID from the `duid` line, when DHCPv6 is in use. */
  readonly serverDuid: string | null;
  readonly leases: readonly LeaseRecord[];
}

const star = (field: string | undefined): string | null =>
  field === undefined || field === '*' ? null : field;

/** Parses one lease line, or returns undefined for a line that is not a complete lease. */
function parseLeaseLine(fields: readonly string[]): LeaseRecord | undefined {
  const [expiryText, who, ipText, hostname, clientId] = fields;
  if (fields.length < 4 || expiryText === undefined || who === undefined) return undefined;
  const addr = parseIpAsLibvirt(ipText);
  if (!/^\d+$/.test(expiryText) || !addr) return undefined;
  const protocol = addr.kind();
  const ip = formatIp(addr);
  const base = { expiry: Number(expiryText), ip, hostname: star(hostname), clientId: star(clientId) };
  if (protocol === 'ipv4') return { protocol, mac: who.toLowerCase(), iaid: null, ...base };
  const iaid = /^T?\d+$/.test(who) ? Number(who.replace(/^T/, '')) : null;
  return { protocol, mac: null, iaid, ...base };
}

/**
 * Parses a leases file. Lines that are not complete leases (a torn read while dnsmasq
 * rewrites the file) are skipped. With `now` (epoch seconds), expired leases are dropped.
 */
export function parseLeasesFile(text: string, now?: number): LeasesFile {
  let serverDuid: string | null = null;
  const leases: LeaseRecord[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '') continue;
    if (fields[0] === 'duid') {
      serverDuid = fields[1] ?? null;
      continue;
    }
    const lease = parseLeaseLine(fields);
    if (!lease) continue;
    if (now !== undefined && lease.expiry !== 0 && lease.expiry <= now) continue;
    leases.push(lease);
  }
  return { serverDuid, leases };
}

/** Just the live leases of a leases file. */
export function parseLeases(text: string, now?: number): readonly LeaseRecord[] {
  return parseLeasesFile(text, now).leases;
}

/**
 * Leases as `net-dhcp-leases` shows them: each address with the prefix of the network's
 * <ip> of the same family that contains it (or the host prefix when none does).
 */
export function toLeaseRows(def: NetworkDef, leases: readonly LeaseRecord[]): LeaseRow[] {
  return leases.map((lease) => ({
    network: def.name,
    expiry: lease.expiry,
    mac: lease.mac,
    protocol: lease.protocol,
    ipPrefix: `${lease.ip}/${prefixFor(def, lease)}`,
    ip: lease.ip,
    hostname: lease.hostname,
    clientId: lease.clientId,
  }));
}

function prefixFor(def: NetworkDef, lease: LeaseRecord): number {
  const addr = parseIpAsLibvirt(lease.ip);
  for (const ip of def.ips) {
    const net = parseIpAsLibvirt(ip.address);
    const prefix = libvirtPrefix(ip);
    if (!addr || !net || net.kind() !== addr.kind() || prefix < 0) continue;
    if (addr.match(net, prefix)) return prefix;
  }
  return lease.protocol === 'ipv4' ? 32 : 128;
}
