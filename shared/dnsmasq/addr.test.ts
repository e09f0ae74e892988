import { describe, expect, it } from 'vitest';
import { ptrDomain, rangeSize } from './addr';

describe('rangeSize (dhcp-lease-max)', () => {
  it('counts inclusive ranges in both families', () => {
    expect(rangeSize('192.168.122.2', '192.168.122.254')).toBe(253);
    expect(rangeSize('192.168.150.2', '192.168.150.100')).toBe(99);
    expect(rangeSize('10.0.0.5', '10.0.0.5')).toBe(1);
    expect(rangeSize('10.0.1.250', '10.0.2.4')).toBe(11);
    expect(rangeSize('fd00::10', 'fd00::ff')).toBe(240);
  });

  it('refuses reversed, oversized and mixed-family ranges with a reason', () => {
    expect(() => rangeSize('10.0.0.9', '10.0.0.1')).toThrow(/reversed/);
    expect(() => rangeSize('10.1.0.0', '10.2.0.0')).toThrow(/too large/);
    expect(() => rangeSize('fd00::1:0', 'fd00::2:0')).toThrow(/too large/);
    expect(() => rangeSize('10.0.0.1', 'fd00::1')).toThrow(/same family/);
  });
});

describe('ptrDomain', () => {
  it('builds in-addr.arpa and ip6.arpa zones', () => {
    expect(ptrDomain('192.168.122.1', 24)).toBe('122.168.192.in-addr.arpa');
    expect(ptrDomain('10.1.2.3', 16)).toBe('1.10.in-addr.arpa');
    expect(ptrDomain('2001:db8:ac10:fe01::1', 64)).toBe('1.0.e.f.0.1.c.a.8.b.d.0.1.0.0.2.ip6.arpa');
    expect(ptrDomain('2001:db8::1', 36)).toBe('0.8.b.d.0.1.0.0.2.ip6.arpa');
  });

  it('refuses prefixes that do not fall on a label boundary', () => {
    expect(() => ptrDomain('192.168.122.1', 20)).toThrow(/IPv4 network with prefix 20/);
    expect(() => ptrDomain('192.168.122.1', 32)).toThrow(/prefix 32/);
    expect(() => ptrDomain('fd00::1', 62)).toThrow(/IPv6 network with prefix 62/);
  });
});
