import { describe, expect, it } from 'vitest';
import { defaultsFor, followNetwork, proposeName } from './proposals';
import type { FollowingKey } from './proposals';
import { GOOD } from './test-choices';

describe('proposeName', () => {
  it('proposes network, then network1, network2 ... skipping names in use', () => {
    expect(proposeName([])).toBe('network');
    expect(proposeName(['network'])).toBe('network1');
    expect(proposeName(['network', 'network1', 'network3'])).toBe('network2');
    expect(proposeName(['network1'])).toBe('network');
  });
});

describe('defaultsFor', () => {
  it('puts the gateway on the first host and DHCP on the upper half', () => {
    expect(defaultsFor('192.168.100.0/24', 'ipv4')).toEqual({
      gateway: '192.168.100.1',
      start: '192.168.100.128',
      end: '192.168.100.254',
    });
    expect(defaultsFor('10.20.0.0/16', 'ipv4')).toEqual({
      gateway: '10.20.0.1',
      start: '10.20.128.0',
      end: '10.20.255.254',
    });
    expect(defaultsFor('192.168.5.0/30', 'ipv4')).toEqual({
      gateway: '192.168.5.1',
      start: '192.168.5.2',
      end: '192.168.5.2',
    });
  });

  it('keeps IPv4 ranges of wide networks within the 65,536 addresses libvirt allows', () => {
    expect(defaultsFor('10.0.0.0/8', 'ipv4')).toEqual({
      gateway: '10.0.0.1',
      start: '10.128.0.1',
      end: '10.128.255.254',
    });
    expect(defaultsFor('172.16.0.0/12', 'ipv4')?.start).toBe('172.24.0.1');
  });

  it('proposes ::100 to ::1ff in an IPv6 /64', () => {
    expect(defaultsFor('fd12:3456:789a:1::/64', 'ipv6')).toEqual({
      gateway: 'fd12:3456:789a:1::1',
      start: 'fd12:3456:789a:1::100',
      end: 'fd12:3456:789a:1::1ff',
    });
  });

  it('has nothing to propose while the network is half typed, of the other family or out of range', () => {
    for (const text of ['', '192.168.', '192.168.1.0', '192.168.1.0/31', '10.0.0.0/7', 'fd00::/64']) {
      expect(defaultsFor(text, 'ipv4')).toBeUndefined();
    }
    expect(defaultsFor('fd00::/48', 'ipv6')).toBeUndefined();
    expect(defaultsFor('192.168.1.0/24', 'ipv6')).toBeUndefined();
  });

  it('follows the network part of an address with host bits', () => {
    expect(defaultsFor(' 192.168.7.9/24 ', 'ipv4')?.gateway).toBe('192.168.7.1');
  });
});

describe('followNetwork', () => {
  it('moves unedited fields with the network and leaves edited ones', () => {
    const edited = new Set<FollowingKey>(['ipv4End']);
    const next = followNetwork(
      { ...GOOD, ipv4Network: '10.9.0.0/24', ipv4End: '192.168.100.200' },
      'ipv4',
      edited,
    );
    expect(next.ipv4Gateway).toBe('10.9.0.1');
    expect(next.ipv4Start).toBe('10.9.0.128');
    expect(next.ipv4End).toBe('192.168.100.200');
    expect(next.ipv6Gateway).toBe(GOOD.ipv6Gateway);
  });

  it('keeps the last values while the network is not valid', () => {
    const half = { ...GOOD, ipv4Network: '10.9.' };
    expect(followNetwork(half, 'ipv4', new Set())).toBe(half);
  });

  it('follows the IPv6 network', () => {
    const next = followNetwork({ ...GOOD, ipv6Network: 'fd99::/64' }, 'ipv6', new Set());
    expect([next.ipv6Gateway, next.ipv6Start, next.ipv6End]).toEqual(['fd99::1', 'fd99::100', 'fd99::1ff']);
  });
});
