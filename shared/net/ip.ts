/**
 * IP address parsing and formatting on top of ipaddr.js, with libvirt's (glibc's) rules for
 * what is accepted and how an address is written back.
 */
import ipaddr from 'ipaddr.js';
import type { IpFamily } from '../model/network';
import { inetAtonDottedQuad } from './inet-aton';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses a numeric address: dotted-quad IPv4 (four decimal parts) or IPv6 text (no zone id);
 * anything else is undefined. Stricter than libvirt, whose getaddrinfo also takes inet_aton
 * shorthand ('127.1', '0x7f.0.0.1', octal '010'): those read differently in different tools,
 * so vnm refuses them rather than guess.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  return ipaddr.IPv6.parse(text);
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
 * Writes an address as glibc's inet_ntop does (what libvirt prints): RFC 5952 compression,
 * except that IPv4-mapped and IPv4-compatible IPv6 addresses end in a dotted quad.
 */
export function formatIp(addr: IpAddress): string {
  if (addr.kind() === 'ipv4') return addr.toString();
  const v6 = addr as ipaddr.IPv6;
  const p = v6.parts;
  const leadingZero = p.slice(0, 5).every((w) => w === 0);
  const mapped = leadingZero && p[5] === 0xffff;
  const compatible = leadingZero && p[5] === 0 && (p[6] !== 0 || (p[7] !== 0 && p[7] !== 1));
  if (mapped || compatible) {
    const v4 = [p[6] ?? 0, p[7] ?? 0].flatMap((w) => [w >> 8, w & 0xff]).join('.');
    return mapped ? `::ffff:${v4}` : `::${v4}`;
  }
  return v6.toRFC5952String();
}

/** The canonical spelling of an address, or the text unchanged when it is not an address. */
export function canonicalIp(text: string): string {
  const addr = parseIp(text);
  return addr ? formatIp(addr) : text;
}

/**
 * An address from libvirt XML, spelled as libvirt writes it back: canonicalIp, but IPv4 in
 * any inet_aton form ('10.1.5', '0x0a.1.0.5') is read as libvirt's parser reads it. IPv6
 * text never matches inet_aton (it has colons), so it goes the strict way.
 */
export function canonicalIpAsLibvirt(text: string): string {
  if (parseIp(text)) return canonicalIp(text);
  return inetAtonDottedQuad(text) ?? text;
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
