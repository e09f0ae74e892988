/**
 * Subnets as integers, for vnmd's host layer (routes, proposals, overlaps, firewall rules),
 * which steps through address space. A view on the one IP library: parsing, formatting and
 * masks come from ip.ts and subnet.ts, so both agree on what an address is.
 */
import type ipaddr from 'ipaddr.js';
import type { IpFamily } from '../model/network';
import { VnmError } from '../rpc/errors';
import { familyOf, fromBigInt, maxPrefix, parseIp, toBigInt } from './ip';
import { parseCidr as parseSubnet, prefixMask } from './subnet';

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address (host bits cleared) as an integer. */
  readonly network: bigint;
  readonly prefix: number;
}

const ipFamily = (family: 4 | 6): IpFamily => (family === 4 ? 'ipv4' : 'ipv6');
const bitsOf = (family: 4 | 6): number => maxPrefix(ipFamily(family));
const maskOf = (family: 4 | 6, prefix: number): bigint => prefixMask(ipFamily(family), prefix);

/** IPv6 in RFC 5952 form, as the host layer has always printed it (ip(8) does the same). */
function textOf(value: bigint, family: 4 | 6): string {
  const addr = fromBigInt(value, ipFamily(family));
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** Parses an address as vnm accepts it (ip.ts's parseIp): IPv4 in dotted-quad form, or IPv6 without a zone. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | null {
  const addr = parseIp(text);
  return addr ? { family: familyOf(addr) === 'ipv4' ? 4 : 6, value: toBigInt(addr) } : null;
}

/** Parses `address/prefix`; host bits are allowed and cleared. Returns null when invalid. */
export function tryParseCidr(text: string): Cidr | null {
  const subnet = parseSubnet(text);
  if (!subnet) return null;
  const family = familyOf(subnet.address) === 'ipv4' ? 4 : 6;
  return { family, network: toBigInt(subnet.address) & maskOf(family, subnet.prefix), prefix: subnet.prefix };
}

/** Like tryParseCidr, but a bad value is an invalid-argument error that names it. */
export function parseCidr(text: string, what = 'subnet'): Cidr {
  const cidr = tryParseCidr(text);
  if (!cidr) {
    throw new VnmError(
      'invalid-argument',
      `The ${what} '${text}' is not a valid address/prefix: write it as 192.168.100.0/24 or fd00:1::/64.`,
    );
  }
  return cidr;
}

/** Canonical text: network address and prefix, IPv6 in RFC 5952 form. */
export function formatCidr(cidr: Cidr): string {
  return `${textOf(cidr.network, cidr.family)}/${cidr.prefix}`;
}

/** Two subnets overlap when one contains the other. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = maskOf(a.family, prefix);
  return (a.network & mask) === (b.network & mask);
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.prefix === b.prefix && a.network === b.network;
}

/** The subnet of `size` addresses that follows `cidr` at the same prefix, or null past the end. */
export function nextCidr(cidr: Cidr): Cidr | null {
  const step = 1n << BigInt(bitsOf(cidr.family) - cidr.prefix);
  const next = cidr.network + step;
  return next >> BigInt(bitsOf(cidr.family)) === 0n ? { ...cidr, network: next } : null;
}

/** An address inside `cidr` at `offset` (1 = the first host), as text. */
export function addressAt(cidr: Cidr, offset: bigint): string {
  return textOf(cidr.network + offset, cidr.family);
}

/** Whether the address (text) lies inside `cidr`; false for another family or a bad address. */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const addr = parseAddress(address);
  if (!addr || addr.family !== cidr.family) return false;
  return (addr.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}
