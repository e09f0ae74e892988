import { describe, expect, it } from 'vitest';
import { inetAton } from './inet-aton';
import { canonicalIpAsLibvirt, isValidIp } from './ip';

describe('inetAton: IPv4 text as glibc reads it', () => {
  it.each([
    ['10.1.5', '10.1.0.5'],
    ['10.258', '10.0.1.2'],
    ['167837701', '10.1.0.5'],
    ['0x0a.1.0.5', '10.1.0.5'],
    ['012.1.0.5', '10.1.0.5'],
    ['10.1.0x105', '10.1.1.5'],
    ['127.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
  ])('%s is %s', (text, quad) => {
    expect(inetAton(text)?.join('.')).toBe(quad);
  });

  it.each([
    ['five parts', '1.2.3.4.5'],
    ['a byte over 255', '256.1.1.1'],
    ['a last part too big for its bytes', '10.1.65536'],
    ['octal with an 8', '08.1.1.1'],
    ['an empty part', '10..1'],
    ['a trailing dot', '10.1.'],
    ['a sign', '-1.2.3.4'],
    ['letters', 'ten.1.1.1'],
    ['trailing blanks', '10.1.5 '],
    ['over 32 bits', '4294967296'],
    ['IPv6 text', '2001:db8::1'],
  ])('refuses %s', (_why, text) => {
    expect(inetAton(text)).toBeUndefined();
  });
});

describe('canonicalIpAsLibvirt', () => {
  it('writes short IPv4 forms as a dotted quad and leaves the rest as canonicalIp does', () => {
    expect(canonicalIpAsLibvirt('10.1.5')).toBe('10.1.0.5');
    expect(canonicalIpAsLibvirt('2001:0DB8::0001')).toBe('2001:db8::1');
    expect(canonicalIpAsLibvirt('bogus')).toBe('bogus');
  });

  it('does not loosen what a person types elsewhere', () => {
    expect(isValidIp('10.1.5')).toBe(false);
  });
});
