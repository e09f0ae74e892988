import { describe, expect, it } from 'vitest';
import { canonicalIp, compareIp, formatIp, ipFamilyOfText, isValidIp, parseIp, sameIp } from './ip';
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
  ])('refuses %s', (text) => expect(parseIp(text)).toBeUndefined());

  it('tells the family', () => {
    expect(ipFamilyOfText('10.0.0.1')).toBe('ipv4');
    expect(ipFamilyOfText('2001:db8::1')).toBe('ipv6');
    expect(ipFamilyOfText('x')).toBeUndefined();
    expect(isValidIp('10.0.0.1', 'ipv6')).toBe(false);
    expect(isValidIp('10.0.0.1', 'ipv4')).toBe(true);
  });
});

describe('formatIp (glibc inet_ntop spelling)', () => {
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:1:1:1:0:1', '2001:db8:1:1:1:1:0:1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::c000:0201', '::192.0.2.1'],
    ['fd8f:1391:3a82:150::c0a8:9603', 'fd8f:1391:3a82:150::c0a8:9603'],
  ])('%s -> %s', (input, output) => {
    expect(canonicalIp(input)).toBe(output);
  });

  it('leaves text that is not an address unchanged', () => {
    expect(canonicalIp('bogus')).toBe('bogus');
    expect(formatIp(ip('10.1.2.3'))).toBe('10.1.2.3');
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
