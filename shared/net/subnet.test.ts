import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from './ip';
import type { IpAddress } from './ip';
import {
  broadcastAddress,
  dhcpRangeSize,
  cidrContains,
  cidrOverlaps,
  effectivePrefix,
  libvirtPrefix,
  firstHost,
  formatCidr,
  lastHost,
  netmaskToPrefix,
  networkAddress,
  parseCidr,
  prefixToNetmask,
  rangeSize,
  reverseZone,
  subnetSize,
} from './subnet';
import type { Cidr } from './subnet';

const ip = (text: string): IpAddress => parseIp(text)!;
const cidr = (text: string): Cidr => parseCidr(text)!;

describe('netmask <-> prefix', () => {
  it.each([
    ['255.255.255.0', 24],
    ['255.255.255.255', 32],
    ['0.0.0.0', 0],
    ['255.255.240.0', 20],
    ['ffff:ffff:ffff:ffff::', 64],
  ])('%s is /%i', (mask, prefix) => expect(netmaskToPrefix(mask)).toBe(prefix));

  it('refuses a non-contiguous or invalid netmask', () => {
    expect(netmaskToPrefix('255.0.255.0')).toBeUndefined();
    expect(netmaskToPrefix('nonsense')).toBeUndefined();
  });

  it('turns prefixes into netmasks', () => {
    expect(prefixToNetmask(24)).toBe('255.255.255.0');
    expect(prefixToNetmask(23)).toBe('255.255.254.0');
    expect(prefixToNetmask(8)).toBe('255.0.0.0');
    expect(prefixToNetmask(0)).toBe('0.0.0.0');
    expect(prefixToNetmask(64, 'ipv6')).toBe('ffff:ffff:ffff:ffff::');
    expect(() => prefixToNetmask(33)).toThrow(RangeError);
  });
});

describe('CIDR arithmetic', () => {
  it('parses and writes CIDR text', () => {
    expect(formatCidr(cidr('192.168.122.1/24'))).toBe('192.168.122.1/24');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('2001:db8::/129')).toBeUndefined();
  });

  it('finds network, broadcast and host bounds', () => {
    const c = cidr('192.168.122.77/24');
    expect(formatIp(networkAddress(c))).toBe('192.168.122.0');
    expect(formatIp(broadcastAddress(c))).toBe('192.168.122.255');
    expect(formatIp(firstHost(c))).toBe('192.168.122.1');
    expect(formatIp(lastHost(c))).toBe('192.168.122.254');
    expect(subnetSize(c)).toBe(256n);
  });

  it('keeps every address of /31 and /32 usable', () => {
    expect(formatIp(firstHost(cidr('10.0.0.0/31')))).toBe('10.0.0.0');
    expect(formatIp(lastHost(cidr('10.0.0.0/31')))).toBe('10.0.0.1');
    expect(formatIp(firstHost(cidr('10.0.0.5/32')))).toBe('10.0.0.5');
  });

  it('handles IPv6 subnets', () => {
    const c = cidr('2001:db8:ca2:2::1/64');
    expect(formatIp(networkAddress(c))).toBe('2001:db8:ca2:2::');
    expect(formatIp(lastHost(c))).toBe('2001:db8:ca2:2:ffff:ffff:ffff:ffff');
    expect(subnetSize(c)).toBe(2n ** 64n);
  });

  it('tests containment and overlap', () => {
    expect(cidrContains(cidr('192.168.122.0/24'), ip('192.168.122.200'))).toBe(true);
    expect(cidrContains(cidr('192.168.122.0/24'), ip('192.168.123.1'))).toBe(false);
    expect(cidrContains(cidr('192.168.122.0/24'), ip('2001:db8::1'))).toBe(false);
    expect(cidrOverlaps(cidr('10.0.0.0/8'), cidr('10.20.0.0/16'))).toBe(true);
    expect(cidrOverlaps(cidr('10.20.0.0/16'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrOverlaps(cidr('192.168.122.0/24'), cidr('192.168.123.0/24'))).toBe(false);
    expect(cidrOverlaps(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true);
    expect(cidrOverlaps(cidr('10.0.0.0/8'), cidr('2001:db8::/32'))).toBe(false);
  });

  it('sizes ranges', () => {
    expect(rangeSize(ip('192.168.122.2'), ip('192.168.122.254'))).toBe(253n);
    expect(rangeSize(ip('192.168.122.9'), ip('192.168.122.2'))).toBe(0n);
    expect(rangeSize(ip('2001:db8::10'), ip('2001:db8::ff'))).toBe(240n);
    expect(rangeSize(ip('10.0.0.1'), ip('2001:db8::1'))).toBe(0n);
  });
});

describe('libvirtPrefix: libvirt 9.0 virSocketAddrGetIPPrefix, edge cases included', () => {
  it.each([
    // The prefix attribute wins when it is above 0; 0 means "not given".
    [{ address: '10.0.0.1', prefix: 20 }, 20],
    [{ address: '10.0.0.1', prefix: 20, netmask: '255.0.0.0' }, 20],
    [{ address: '10.0.0.1', prefix: 0, netmask: '255.255.255.0' }, 24],
    // Then the netmask: its bits, -1 when they are not contiguous, 0 for 0.0.0.0.
    [{ address: '10.0.0.1', netmask: '255.255.255.128' }, 25],
    [{ address: '10.0.0.1', netmask: '255.255.252.0' }, 22],
    [{ address: '10.0.0.1', netmask: '255.0.255.0' }, -1],
    [{ address: '10.0.0.1', netmask: '0.0.0.0' }, 0],
    // Then the address: all zeros is a default route's destination, 0 in both families.
    [{ address: '0.0.0.0' }, 0],
    [{ address: '::' }, 0],
    [{ address: '2001:db8::1' }, 64],
    [{ address: '::1' }, 64],
    // IPv4: its class; none for class D (multicast) and E.
    [{ address: '10.24.10.1' }, 8],
    [{ address: '127.0.0.1' }, 8],
    [{ address: '172.16.0.1' }, 16],
    [{ address: '192.168.1.1' }, 24],
    [{ address: '224.0.0.1' }, -1],
    [{ address: '240.0.0.1' }, -1],
    // Nothing usable at all: 0, as libvirt returns for a default route.
    [{}, 0],
    [{ address: 'not-an-address' }, 0],
  ])('%j -> %s', (def, prefix) => {
    expect(libvirtPrefix(def)).toBe(prefix);
    expect(effectivePrefix(def)).toBe(prefix < 0 ? undefined : prefix);
  });
});

describe('dhcpRangeSize: libvirt 9.0 virSocketAddrGetRange, for dhcp-lease-max', () => {
  it.each([
    ['192.168.122.2', '192.168.122.254', 253],
    ['10.0.0.5', '10.0.0.5', 1],
    ['10.0.1.250', '10.0.2.4', 11],
    ['fd00::10', 'fd00::ff', 240],
  ])('%s - %s holds %i', (a, b, size) => expect(dhcpRangeSize(ip(a), ip(b), 'r')).toBe(size));

  it('refuses reversed, too large and mixed ranges, naming the range', () => {
    expect(() => dhcpRangeSize(ip('10.0.0.9'), ip('10.0.0.1'), 'R')).toThrow(/range R is reversed/);
    expect(() => dhcpRangeSize(ip('10.1.0.0'), ip('10.2.0.0'), 'R')).toThrow(/too large/);
    expect(() => dhcpRangeSize(ip('10.0.0.1'), ip('fd00::1'), 'R')).toThrow(/same family/);
  });
});

describe('reverseZone', () => {
  it('names IPv4 zones on octet boundaries', () => {
    expect(reverseZone(cidr('192.168.122.1/24'))).toBe('122.168.192.in-addr.arpa');
    expect(reverseZone(cidr('10.1.2.3/8'))).toBe('10.in-addr.arpa');
    expect(reverseZone(cidr('10.1.2.3/20'))).toBeUndefined();
  });

  it('names IPv6 zones on nibble boundaries', () => {
    expect(reverseZone(cidr('2001:db8:ac10:fe01::1/64'))).toBe('1.0.e.f.0.1.c.a.8.b.d.0.1.0.0.2.ip6.arpa');
    expect(reverseZone(cidr('2001:db8::/30'))).toBeUndefined();
  });
});
