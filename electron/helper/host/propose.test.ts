import { describe, expect, it } from 'vitest';
import { VnmError } from '../../../shared/rpc/errors';
import { parseCidr } from '../../../shared/net/cidr';
import { pickFreeSubnet, proposeBridgeName, proposeIpv6Subnet } from './propose';

const taken = (...s: string[]) => s.map((x) => parseCidr(x));

describe('pickFreeSubnet', () => {
  it('starts where virt-manager does, at 192.168.100.0/24', () => {
    expect(pickFreeSubnet(24, [])).toBe('192.168.100.0/24');
  });

  it('skips subnets that overlap a route, an address or another network', () => {
    expect(pickFreeSubnet(24, taken('192.168.100.0/24', '192.168.101.7/32', '192.168.102.0/23'))).toBe(
      '192.168.104.0/24',
    );
  });

  it('ignores the default route, which overlaps everything', () => {
    expect(pickFreeSubnet(24, taken('0.0.0.0/0', '::/0'))).toBe('192.168.100.0/24');
  });

  it('moves on to the rest of 192.168, then 10/8, then 172.16/12', () => {
    expect(
      pickFreeSubnet(
        24,
        taken('192.168.100.0/22', '192.168.104.0/21', '192.168.112.0/20', '192.168.128.0/17'),
      ),
    ).toBe('192.168.0.0/24');
    expect(pickFreeSubnet(24, taken('192.168.0.0/16'))).toBe('10.0.0.0/24');
    expect(pickFreeSubnet(24, taken('192.168.0.0/16', '10.0.0.0/8'))).toBe('172.16.0.0/24');
    expect(pickFreeSubnet(24, taken('192.168.0.0/16', '10.0.0.0/8', '172.16.0.0/12'))).toBeNull();
  });

  it('proposes larger networks where they fit', () => {
    expect(pickFreeSubnet(16, [])).toBe('192.168.0.0/16');
    expect(pickFreeSubnet(16, taken('192.168.1.0/24'))).toBe('10.0.0.0/16');
    expect(pickFreeSubnet(8, [])).toBe('10.0.0.0/8');
    expect(pickFreeSubnet(28, taken('192.168.100.0/28'))).toBe('192.168.100.16/28');
  });

  it('refuses prefixes outside 8-30', () => {
    expect(() => pickFreeSubnet(31, [])).toThrow(VnmError);
    expect(() => pickFreeSubnet(7, [])).toThrow('use 8 to 30');
  });
});

describe('proposeIpv6Subnet', () => {
  it('makes a unique local /64 from 40 random bits', () => {
    const bytes = [0x12, 0x34, 0x56, 0x78, 0x9a];
    expect(proposeIpv6Subnet([], () => Uint8Array.from(bytes))).toBe('fd12:3456:789a::/64');
  });

  it('draws again when the subnet is taken', () => {
    const draws = [
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ];
    let i = 0;
    const next = () => Uint8Array.from(draws[i++]!);
    expect(proposeIpv6Subnet(['fd01:203:405::/48'], next)).toBe('fd06:708:90a::/64');
  });
});

describe('proposeBridgeName', () => {
  it('gives virbr0, then the first virbrN not taken', () => {
    expect(proposeBridgeName(new Set())).toBe('virbr0');
    expect(proposeBridgeName(new Set(['virbr0', 'virbr1', 'virbr3']))).toBe('virbr2');
  });
});
