/**
 * IP address parsing and formatting on top of ipaddr.js, with libvirt's (glibc's) rules for
 * what is accepted and how an address is written back.
 */
import ipaddr from 'ipaddr.js';
import type { IpFamily } from '../model/network';
import { inetAton } from './inet-aton';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses a numeric address: dotted-quad IPv4 (four decimal parts) or IPv6 text (no zone id);
 * anything else is undefined. Stricter than libvirt, whose getaddrinfo also takes inet_aton
 * shorthand ('127.1', '0x7f.0.0.1', octal '010'): those read differently in different tools,
 * so vnm refuses them rather than guess (parseIpAsLibvirt reads them as libvirt does).
 */
export function parseIp(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes('%')) return undefined;
  const hex = dottedTailToHex(text);
  if (hex === undefined || !ipaddr.IPv6.isValid(hex)) return undefined;
  return ipaddr.IPv6.parse(hex);
}

/**
 * IPv6 text whose last 32 bits are a dotted quad, with that quad as two hex groups (glibc's
 * inet_pton6 takes only four decimal parts there). ipaddr.js alone would read `::192.0.2.1`
 * as the IPv4-mapped `::ffff:192.0.2.1`, a different address.
 */
function dottedTailToHex(text: string): string | undefined {
  const cut = text.lastIndexOf(':');
  const tail = text.slice(cut + 1);
  if (!tail.includes('.')) return text;
  if (cut < 0 || !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(tail).octets;
  return `${text.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/**
 * An address as libvirt's parser (getaddrinfo, AI_NUMERICHOST) reads it: parseIp, plus IPv4
 * in any inet_aton form ('10.1.5' is 10.1.0.5). For libvirt XML and the files libvirt
 * writes; what a person types goes through parseIp.
 */
export function parseIpAsLibvirt(text: string | undefined): IpAddress | undefined {
  if (text === undefined) return undefined;
  const strict = parseIp(text);
  if (strict || text.includes(':')) return strict;
  const bytes = inetAton(text);
  return bytes ? new ipaddr.IPv4(bytes) : undefined;
}

export function isValidIp(text: string, family?: IpFamily): boolean {
  const addr = parseIp(text);
  if (!addr) return false;
  return family === undefined || familyOf(addr) === family;
}

export function familyOf(addr: IpAddress): IpFamily {
  return addr.kind() === 'ipv4' ? 'ipv4' : 'ipv6';
}

/** The family of an address string, or undefined when it is not an address. */
export function ipFamilyOfText(text: string): IpFamily | undefined {
  const addr = parseIp(text);
  return addr ? familyOf(addr) : undefined;
}

/** Max prefix length for a family. */
export function maxPrefix(family: IpFamily): number {
  return family === 'ipv4' ? 32 : 128;
}

/**
 * Writes an address as glibc's inet_ntop does (libvirt's virSocketAddrFormat): lowercase
 * hex without leading zeros, the first longest run of two or more zero groups as `::`, and a
 * dotted-quad tail only for IPv4-mapped ::ffff:a.b.c.d and for the deprecated IPv4-compatible
 * ::a.b.c.d when the zero run is exactly the first six groups (so `::2` stays `::2`, while
 * `::1:2` is `::0.1.0.2`).
 */
export function formatIp(addr: IpAddress): string {
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts;
  const run = longestZeroRun(parts);
  const hex = (list: readonly number[]): string => list.map((p) => p.toString(16)).join(':');
  if (!run) return hex(parts);
  const mapped = run.len === 5 && parts[5] === 0xffff;
  if (run.start === 0 && (run.len === 6 || mapped)) {
    const quad = [parts[6] ?? 0, parts[7] ?? 0].flatMap((w) => [w >> 8, w & 0xff]).join('.');
    return mapped ? `::ffff:${quad}` : `::${quad}`;
  }
  return `${hex(parts.slice(0, run.start))}::${hex(parts.slice(run.start + run.len))}`;
}

/** The first longest run of two or more zero groups, as inet_ntop picks the one to compress. */
function longestZeroRun(parts: readonly number[]): { start: number; len: number } | undefined {
  let best: { start: number; len: number } | undefined;
  let start = -1;
  for (let i = 0; i <= parts.length; i++) {
    if (i < parts.length && parts[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    const len = i - start;
    if (start >= 0 && len >= 2 && (!best || len > best.len)) best = { start, len };
    start = -1;
  }
  return best;
}

/** The canonical spelling of an address, or the text unchanged when it is not an address. */
export function canonicalIp(text: string): string {
  const addr = parseIp(text);
  return addr ? formatIp(addr) : text;
}

/**
 * An address from libvirt XML, spelled as libvirt writes it back: canonicalIp, but IPv4 in
 * any inet_aton form ('10.1.5', '0x0a.1.0.5') is read as libvirt's parser reads it.
 */
export function canonicalIpAsLibvirt(text: string): string {
  const addr = parseIpAsLibvirt(text);
  return addr ? formatIp(addr) : text;
}

export function toBigInt(addr: IpAddress): bigint {
  let value = 0n;
  for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

export function fromBigInt(value: bigint, family: IpFamily): IpAddress {
  const length = family === 'ipv4' ? 4 : 16;
  const bytes: number[] = [];
  let v = value;
  for (let i = 0; i < length; i++) {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return ipaddr.fromByteArray(bytes);
}

/** -1, 0 or 1; addresses of different families compare IPv4 first. */
export function compareIp(a: IpAddress, b: IpAddress): number {
  if (a.kind() !== b.kind()) return a.kind() === 'ipv4' ? -1 : 1;
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.kind() === b.kind() && compareIp(a, b) === 0;
}
