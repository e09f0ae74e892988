import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  compareIp,
  formatIp,
  ipFamilyOfText,
  isValidIp,
  parseIp,
  parseIpAsLibvirt,
  sameIp,
} from './ip';
import { canonicalMac, formatMac, generateMac, isMulticastMac, parseMac } from './mac';

const ip = (text: string) => {
  const addr = parseIp(text);
  if (!addr) throw new Error(`not an address: ${text}`);
  return addr;
};

describe('parseIp', () => {
  it.each(['192.168.122.1', '0.0.0.0', '255.255.255.255', '2001:db8::1', '::', '::ffff:1.2.3.4', 'fe80::1'])(
    'accepts %s',
    (text) => expect(parseIp(text)).toBeDefined(),
  );

  it.each([
    '999.1.1.1',
    '1.2.3',
    '127.1',
    '0x7f.0.0.1',
    '1.2.3.4.5',
    '192.168.001.1',
    'notanip',
    '',
    'fe80::1%eth0',
    '2001:db8:::1',
    '::1.2.3',
    '::01.2.3.4',
    '1.2.3.4::',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('refuses %s', (text) => expect(parseIp(text)).toBeUndefined());

  // What glibc's inet_pton6 makes of a dotted-quad tail: its own 32 bits, nothing more.
  it.each([
    ['::192.0.2.1', '0:0:0:0:0:0:c000:201'],
    ['::ffff:192.0.2.1', '0:0:0:0:0:ffff:c000:201'],
    ['1::1.2.3.4', '1:0:0:0:0:0:102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('reads %s as %s', (text, parts) => {
    expect((ip(text) as { parts: number[] }).parts.map((p) => p.toString(16)).join(':')).toBe(parts);
  });

  it('tells the family', () => {
    expect(ipFamilyOfText('10.0.0.1')).toBe('ipv4');
    expect(ipFamilyOfText('2001:db8::1')).toBe('ipv6');
    expect(ipFamilyOfText('x')).toBeUndefined();
    expect(isValidIp('10.0.0.1', 'ipv6')).toBe(false);
    expect(isValidIp('10.0.0.1', 'ipv4')).toBe(true);
  });
});

describe('formatIp (glibc inet_ntop spelling)', () => {
  // Each output is what glibc's inet_ntop(AF_INET6) writes for the input's 128 bits.
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:1:1:1:0:1', '2001:db8:1:1:1:1:0:1'],
    ['fd8f:1391:3a82:150::c0a8:9603', 'fd8f:1391:3a82:150::c0a8:9603'],
    ['fe80::', 'fe80::'],
    ['0:0:1::', '0:0:1::'],
    // Of two equally long zero runs the first is compressed.
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['1:0:0:0:2:0:0:0', '1::2:0:0:0'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    // IPv4-compatible only when the zero run is exactly the first six groups.
    ['::2', '::2'],
    ['::ffff', '::ffff'],
    ['::c000:0201', '::192.0.2.1'],
    ['::192.0.2.1', '::192.0.2.1'],
    ['::1:0', '::0.1.0.0'],
    ['::1:2', '::0.1.0.2'],
    ['0:0:0:0:0:1:c000:201', '::1:c000:201'],
    // IPv4-mapped: ::ffff followed by any 32 bits, zeros too.
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:0:0', '::ffff:0.0.0.0'],
    ['::ffff:0:1', '::ffff:0.0.0.1'],
    ['::ffff:1:0:0', '::ffff:1:0:0'],
    ['0:0:0:0:ffff:ffff:c000:201', '::ffff:ffff:c000:201'],
  ])('%s -> %s', (input, output) => {
    expect(canonicalIp(input)).toBe(output);
  });

  it('leaves text that is not an address unchanged', () => {
    expect(canonicalIp('bogus')).toBe('bogus');
    expect(formatIp(ip('10.1.2.3'))).toBe('10.1.2.3');
  });
});

describe('parseIpAsLibvirt (getaddrinfo, AI_NUMERICHOST)', () => {
  it('reads inet_aton forms of IPv4 and IPv6 as parseIp does', () => {
    expect(formatIp(parseIpAsLibvirt('10.1.5')!)).toBe('10.1.0.5');
    expect(formatIp(parseIpAsLibvirt('0x0a.1.0.5')!)).toBe('10.1.0.5');
    expect(formatIp(parseIpAsLibvirt('::192.0.2.1')!)).toBe('::192.0.2.1');
  });

  it.each([undefined, '', 'bogus', '2001:db8:::1', '::10.1.5', 'fe80::1%eth0'])('refuses %s', (text) => {
    expect(parseIpAsLibvirt(text)).toBeUndefined();
  });
});

describe('compareIp', () => {
  it('orders addresses numerically, IPv4 before IPv6', () => {
    expect(compareIp(ip('10.0.0.9'), ip('10.0.0.10'))).toBe(-1);
    expect(compareIp(ip('2001:db8::2'), ip('2001:db8::1'))).toBe(1);
    expect(compareIp(ip('255.255.255.255'), ip('::'))).toBe(-1);
    expect(sameIp(ip('2001:db8::1'), ip('2001:0db8::0001'))).toBe(true);
  });
});

describe('MAC addresses', () => {
  it('parses one or two hex digits per group and writes them padded, lower case', () => {
    expect(parseMac('52:54:00:AB:cd:0f')).toEqual([0x52, 0x54, 0, 0xab, 0xcd, 0x0f]);
    expect(canonicalMac('0:1:2:a:B:c')).toBe('00:01:02:0a:0b:0c');
    expect(formatMac([255, 0, 1, 2, 3, 4])).toBe('ff:00:01:02:03:04');
  });

  it.each(['zz:zz', '52:54:00:00:00', '52:54:00:00:00:00:00', '52-54-00-00-00-00', '123:0:0:0:0:0', ''])(
    'refuses %s',
    (text) => expect(parseMac(text)).toBeUndefined(),
  );

  it('tells multicast addresses apart', () => {
    expect(isMulticastMac(parseMac('01:00:5e:00:00:01')!)).toBe(true);
    expect(isMulticastMac(parseMac('52:54:00:00:00:01')!)).toBe(false);
  });

  it('generates unicast MACs with the 52:54:00 prefix', () => {
    let n = 0;
    expect(generateMac(() => [0xab, 0x1cd, 7][n++]!)).toBe('52:54:00:ab:cd:07');
    for (let i = 0; i < 50; i++) expect(generateMac()).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });
});
