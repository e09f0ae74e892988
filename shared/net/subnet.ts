/**
 * Subnet arithmetic: netmask <-> prefix, network/broadcast addresses, host bounds,
 * containment, overlap and range sizes, for IPv4 and IPv6, on top of ipaddr.js.
 */
import ipaddr from 'ipaddr.js';
import type { IpFamily } from '../model/network';
import { VnmError } from '../rpc/errors';
import { familyOf, formatIp, fromBigInt, maxPrefix, parseIp, toBigInt } from './ip';
import type { IpAddress } from './ip';

export interface Cidr {
  readonly address: IpAddress;
  readonly prefix: number;
}

/** Prefix length of a contiguous netmask ('255.255.255.0' -> 24), undefined otherwise. */
export function netmaskToPrefix(netmask: string): number | undefined {
  const mask = parseIp(netmask);
  if (!mask) return undefined;
  return mask.prefixLengthFromSubnetMask() ?? undefined;
}

/** The netmask of a prefix (24 -> '255.255.255.0'). */
export function prefixToNetmask(prefix: number, family: IpFamily = 'ipv4'): string {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix(family)) {
    throw new RangeError(`prefix ${prefix} is out of range for ${family}`);
  }
  const mask =
    family === 'ipv4'
      ? ipaddr.IPv4.subnetMaskFromPrefixLength(prefix)
      : ipaddr.IPv6.subnetMaskFromPrefixLength(prefix);
  return formatIp(mask);
}

/** Parses 'a.b.c.d/24' or '2001:db8::/64'. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > maxPrefix(familyOf(address))) return undefined;
  return { address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.address)}/${cidr.prefix}`;
}

function hostBits(cidr: Cidr): bigint {
  return BigInt(maxPrefix(familyOf(cidr.address)) - cidr.prefix);
}

/** The netmask of `prefix` in `family` as an integer: `prefix` one bits, then zeros. */
export function prefixMask(family: IpFamily, prefix: number): bigint {
  const bits = BigInt(maxPrefix(family));
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

function maskValue(cidr: Cidr): bigint {
  return prefixMask(familyOf(cidr.address), cidr.prefix);
}

/** The first address of the subnet (host bits cleared). */
export function networkAddress(cidr: Cidr): IpAddress {
  return fromBigInt(toBigInt(cidr.address) & maskValue(cidr), familyOf(cidr.address));
}

/** The last address of the subnet (host bits set): the IPv4 broadcast address. */
export function broadcastAddress(cidr: Cidr): IpAddress {
  const last = (toBigInt(cidr.address) & maskValue(cidr)) | ((1n << hostBits(cidr)) - 1n);
  return fromBigInt(last, familyOf(cidr.address));
}

/** First usable host: IPv4 skips the network address (except /31 and /32). */
export function firstHost(cidr: Cidr): IpAddress {
  const net = toBigInt(networkAddress(cidr));
  const skip = familyOf(cidr.address) === 'ipv4' && cidr.prefix < 31 ? 1n : 0n;
  return fromBigInt(net + skip, familyOf(cidr.address));
}

/** Last usable host: IPv4 skips the broadcast address (except /31 and /32). */
export function lastHost(cidr: Cidr): IpAddress {
  const last = toBigInt(broadcastAddress(cidr));
  const skip = familyOf(cidr.address) === 'ipv4' && cidr.prefix < 31 ? 1n : 0n;
  return fromBigInt(last - skip, familyOf(cidr.address));
}

/** Whether `addr` lies in the subnet. */
export function cidrContains(cidr: Cidr, addr: IpAddress): boolean {
  if (addr.kind() !== cidr.address.kind()) return false;
  return addr.match(cidr.address, cidr.prefix);
}

/** Whether two subnets share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  if (a.address.kind() !== b.address.kind()) return false;
  const prefix = Math.min(a.prefix, b.prefix);
  return a.address.match(b.address, prefix);
}

/** Number of addresses from start to end inclusive (0 when reversed or mixed families). */
export function rangeSize(start: IpAddress, end: IpAddress): bigint {
  if (start.kind() !== end.kind()) return 0n;
  const size = toBigInt(end) - toBigInt(start) + 1n;
  return size > 0n ? size : 0n;
}

/**
 * How many addresses a DHCP range holds, counted as libvirt counts for dhcp-lease-max
 * (virSocketAddrGetRange): only the low 16 bits may differ. `range` names it in errors.
 */
export function dhcpRangeSize(start: IpAddress, end: IpAddress, range: string): number {
  if (start.kind() !== end.kind()) {
    throw new VnmError(
      'invalid-argument',
      `DHCP range ${range} must be two addresses of the same family; fix the range.`,
    );
  }
  const x = start.toByteArray();
  const y = end.toByteArray();
  const n = x.length;
  if (x.slice(0, n - 2).some((byte, i) => byte !== y[i])) {
    throw new VnmError('invalid-argument', `DHCP range ${range} is too large (> 65535); make it smaller.`);
  }
  const size = ((y[n - 2] ?? 0) - (x[n - 2] ?? 0)) * 256 + ((y[n - 1] ?? 0) - (x[n - 1] ?? 0)) + 1;
  if (size < 1) {
    throw new VnmError('invalid-argument', `DHCP range ${range} is reversed; put the lower address first.`);
  }
  return size;
}

/** Number of addresses in a subnet. */
export function subnetSize(cidr: Cidr): bigint {
  return 1n << hostBits(cidr);
}

/**
 * The prefix libvirt uses for an <ip> (virSocketAddrGetIPPrefix), edge cases included: the
 * prefix attribute when > 0; else the netmask's, -1 when it is not contiguous; else for an
 * address of all zeros 0 (a default route's destination), for IPv6 64, for IPv4 its class's
 * (A 8, B 16, C 24; -1 for D and E); and 0 when nothing is given. The one place this rule
 * lives: dnsmasq's files (shared/dnsmasq/addr.ts), vnmd and the window all use it.
 */
export function libvirtPrefix(ip: {
  readonly address?: string;
  readonly netmask?: string;
  readonly prefix?: number;
}): number {
  if (ip.prefix !== undefined && ip.prefix > 0) return ip.prefix;
  if (ip.netmask !== undefined && parseIp(ip.netmask)) return netmaskToPrefix(ip.netmask) ?? -1;
  const addr = ip.address === undefined ? undefined : parseIp(ip.address);
  if (!addr) return 0;
  const bytes = addr.toByteArray();
  if (bytes.every((b) => b === 0)) return 0;
  if (addr.kind() === 'ipv6') return 64;
  const first = bytes[0] ?? 0;
  if ((first & 0x80) === 0) return 8;
  if ((first & 0xc0) === 0x80) return 16;
  if ((first & 0xe0) === 0xc0) return 24;
  return -1;
}

/** libvirtPrefix, with "no usable prefix" (libvirt's -1) as undefined. */
export function effectivePrefix(ip: {
  readonly address?: string;
  readonly netmask?: string;
  readonly prefix?: number;
}): number | undefined {
  const prefix = libvirtPrefix(ip);
  return prefix < 0 ? undefined : prefix;
}

/**
 * The reverse-DNS zone of a subnet, as dnsmasq's local=/ZONE/ wants it:
 * 192.168.122.0/24 -> '122.168.192.in-addr.arpa', 2001:db8::/64 -> nibbles + '.ip6.arpa'.
 * Undefined when the prefix is not on an octet (IPv4) or nibble (IPv6) boundary.
 */
export function reverseZone(cidr: Cidr): string | undefined {
  const bytes = networkAddress(cidr).toByteArray();
  if (familyOf(cidr.address) === 'ipv4') {
    if (cidr.prefix % 8 !== 0) return undefined;
    const labels = bytes.slice(0, cidr.prefix / 8).reverse();
    return [...labels.map(String), 'in-addr', 'arpa'].join('.');
  }
  if (cidr.prefix % 4 !== 0) return undefined;
  const nibbles = bytes.flatMap((b) => [b >> 4, b & 0xf]).slice(0, cidr.prefix / 4);
  return [...nibbles.reverse().map((n) => n.toString(16)), 'ip6', 'arpa'].join('.');
}
