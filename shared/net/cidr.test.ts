import { describe, expect, it } from 'vitest';
import { VnmError } from '../rpc/errors';
import { addressAt, cidrsOverlap, formatCidr, nextCidr, parseCidr, tryParseCidr } from './cidr';

const c = (s: string) => parseCidr(s);

describe('cidr', () => {
  it('parses and canonicalises IPv4 and IPv6, clearing host bits', () => {
    expect(formatCidr(c('192.168.122.1/24'))).toBe('192.168.122.0/24');
    expect(formatCidr(c('10.1.2.3/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(c('FD00:0:0:0::1/64'))).toBe('fd00::/64');
    expect(formatCidr(c('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(formatCidr(c('2001:db8::1/128'))).toBe('2001:db8::1/128');
  });

  it('refuses what is not address/prefix', () => {
    for (const bad of [
      '192.168.1.0',
      '192.168.1.0/33',
      '192.168.1/24',
      '1.2.3.4/x',
      'fe80::1%eth0/64',
      '::/129',
      '',
    ]) {
      expect(tryParseCidr(bad)).toBeNull();
    }
    expect(() => parseCidr('nope', 'forward subnet')).toThrow(VnmError);
    expect(() => parseCidr('nope', 'forward subnet')).toThrow("The forward subnet 'nope'");
  });

  it('finds overlaps in either direction, never across families', () => {
    expect(cidrsOverlap(c('10.0.0.0/8'), c('10.1.0.0/16'))).toBe(true);
    expect(cidrsOverlap(c('10.1.0.0/16'), c('10.0.0.0/8'))).toBe(true);
    expect(cidrsOverlap(c('10.0.0.0/24'), c('10.0.1.0/24'))).toBe(false);
    expect(cidrsOverlap(c('0.0.0.0/0'), c('::/0'))).toBe(false);
    expect(cidrsOverlap(c('fd00::/48'), c('fd00:0:0:1::/64'))).toBe(true);
  });

  it('steps to the next subnet of the same size, and stops at the end', () => {
    expect(formatCidr(nextCidr(c('192.168.100.0/24'))!)).toBe('192.168.101.0/24');
    expect(formatCidr(nextCidr(c('10.0.0.0/30'))!)).toBe('10.0.0.4/30');
    expect(nextCidr(c('255.255.255.0/24'))).toBeNull();
    expect(addressAt(c('192.168.100.0/24'), 1n)).toBe('192.168.100.1');
  });
});
