/**
 * The address arithmetic dnsmasq's configuration needs, done the way libvirt 9.0 does it
 * (virsocketaddr.c), so that generated files match libvirt's byte for byte.
 */
import ipaddr from 'ipaddr.js';
import { dhcpRangeSize, reverseZone } from '../net/subnet';
import { VnmError } from '../rpc/errors';

export type ParsedAddr = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses an IPv4 or IPv6 address; undefined when absent or not an address. */
export function parseAddr(text: string | undefined): ParsedAddr | undefined {
  if (text === undefined) return undefined;
  const plain = text.includes(':') ? embeddedV4ToHex(text) : text;
  if (plain === undefined || !ipaddr.isValid(plain)) return undefined;
  return ipaddr.parse(plain);
}

/**
 * Rewrites an IPv6 address ending in a dotted quad into hex groups. ipaddr.js would read
 * `::192.0.2.1` as the IPv4-mapped `::ffff:192.0.2.1`, a different address.
 */
function embeddedV4ToHex(text: string): string | undefined {
  const cut = text.lastIndexOf(':');
  const tail = text.slice(cut + 1);
  if (!tail.includes('.')) return text;
  if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(tail).octets;
  return `${text.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** The family of an <ip> element, from its address as libvirt decides it (not its attribute). */
export function addrFamily(text: string | undefined): 'ipv4' | 'ipv6' | undefined {
  return parseAddr(text)?.kind();
}

/**
 * Formats an address as glibc's inet_ntop does (libvirt's virSocketAddrFormat): lowercase
 * hex, the longest run of two or more zero groups compressed, and IPv4-mapped or
 * IPv4-compatible addresses ending in dotted quad.
 */
export function formatAddr(text: string): string {
  const addr = parseAddr(text);
  if (!addr) return text;
  if (addr.kind() === 'ipv4') return addr.toString();
  return formatIpv6((addr as ipaddr.IPv6).parts);
}

function formatIpv6(parts: readonly number[]): string {
  const run = longestZeroRun(parts);
  const head = run ? parts.slice(0, run.start) : parts;
  const tailStart = run ? run.start + run.len : parts.length;
  // inet_ntop writes the last 32 bits as IPv4 for ::a.b.c.d and ::ffff:a.b.c.d.
  const v4Tail = run?.start === 0 && (run.len === 6 || (run.len === 5 && parts[5] === 0xffff));
  const hex = (list: readonly number[]): string => list.map((p) => p.toString(16)).join(':');
  if (v4Tail) {
    const lo = parts[6] ?? 0;
    const hi = parts[7] ?? 0;
    const quad = [lo >> 8, lo & 0xff, hi >> 8, hi & 0xff].join('.');
    return run.len === 5 ? `::ffff:${quad}` : `::${quad}`;
  }
  if (!run) return hex(head);
  return `${hex(head)}::${hex(parts.slice(tailStart))}`;
}

function longestZeroRun(parts: readonly number[]): { start: number; len: number } | undefined {
  let best: { start: number; len: number } | undefined;
  let start = -1;
  for (let i = 0; i <= parts.length; i++) {
    if (i < parts.length && parts[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const len = i - start;
      if (len >= 2 && (!best || len > best.len)) best = { start, len };
      start = -1;
    }
  }
  return best;
}

/**
 * How many addresses a DHCP range holds, as libvirt counts for dhcp-lease-max
 * (shared/net's dhcpRangeSize), read the way libvirt reads the range's addresses.
 */
export function rangeSize(start: string, end: string): number {
  const a = parseAddr(start);
  const b = parseAddr(end);
  const range = `${start} - ${end}`;
  if (!a || !b) {
    throw new VnmError(
      'invalid-argument',
      `DHCP range ${range} must be two addresses of the same family; fix the range.`,
    );
  }
  return dhcpRangeSize(a, b, range);
}

/**
 * The reverse-DNS zone of a network (virSocketAddrPTRDomain), e.g. 122.168.192.in-addr.arpa.
 * IPv4 prefixes must be a multiple of 8 and IPv6 prefixes a multiple of 4.
 */
export function ptrDomain(address: string, prefix: number): string {
  const addr = parseAddr(address);
  const v4 = addr?.kind() === 'ipv4';
  const step = v4 ? 8 : 4;
  const zone =
    addr && prefix > 0 && prefix < (v4 ? 32 : 128) ? reverseZone({ address: addr, prefix }) : undefined;
  if (zone === undefined) {
    throw new VnmError(
      'unsupported',
      `PTR domain for ${v4 ? 'IPv4' : 'IPv6'} network with prefix ${prefix} cannot be automatically created; remove localPtr='yes' or use a prefix that is a multiple of ${step}.`,
    );
  }
  return zone;
}
