/**
 * The address arithmetic dnsmasq's configuration needs, done the way libvirt 9.0 does it
 * (virsocketaddr.c), so that generated files match libvirt's byte for byte. Addresses are
 * read and written by shared/net (parseIpAsLibvirt, formatIp).
 */
import { parseIpAsLibvirt } from '../net/ip';
import { dhcpRangeSize, reverseZone } from '../net/subnet';
import { VnmError } from '../rpc/errors';

/**
 * How many addresses a DHCP range holds, as libvirt counts for dhcp-lease-max
 * (shared/net's dhcpRangeSize), read the way libvirt reads the range's addresses.
 */
export function rangeSize(start: string, end: string): number {
  const a = parseIpAsLibvirt(start);
  const b = parseIpAsLibvirt(end);
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
  const addr = parseIpAsLibvirt(address);
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
