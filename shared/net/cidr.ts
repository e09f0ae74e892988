/**
 * Subnet arithmetic for vnmd's host layer (routes, proposals, overlaps, firewall rules), in
 * BigInt so IPv4 and IPv6 share one code path. Beside subnet.ts, which the codec and the
 * window use: the two are to become one (issue 11, item 1).
 */
import ipaddr from 'ipaddr.js';
import { VnmError } from '../rpc/errors';

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address (host bits cleared) as an integer. */
  readonly network: bigint;
  readonly prefix: number;
}

const bitsOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

function toBigInt(bytes: readonly number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function fromBigInt(value: bigint, family: 4 | 6): string {
  const bytes: number[] = [];
  for (let i = bitsOf(family) / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  const addr = ipaddr.fromByteArray(bytes);
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

function maskOf(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Parses an address as vnm accepts it: IPv4 in dotted-quad form, or IPv6 without a zone. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { family: 4, value: toBigInt(ipaddr.IPv4.parse(text).toByteArray()) };
  }
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  return { family: 6, value: toBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
}

/** Parses `address/prefix`; host bits are allowed and cleared. Returns null when invalid. */
export function tryParseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const addr = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > bitsOf(addr.family)) return null;
  return { family: addr.family, network: addr.value & maskOf(addr.family, prefix), prefix };
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
  return `${fromBigInt(cidr.network, cidr.family)}/${cidr.prefix}`;
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
  return fromBigInt(cidr.network + offset, cidr.family);
}

/** Whether the address (text) lies inside `cidr`; false for another family or a bad address. */
export function cidrContains(cidr: Cidr, address: string): boolean {
  const addr = parseAddress(address);
  if (!addr || addr.family !== cidr.family) return false;
  return (addr.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}
