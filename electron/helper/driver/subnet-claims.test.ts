import { describe, expect, it } from 'vitest';
import { overlapError, overlapIn, type TakenSubnet } from './subnet-claims';

const route = (cidr: string, dev: string): TakenSubnet => ({ cidr, network: null, dev, what: 'route' });
const taken: TakenSubnet[] = [
  route('0.0.0.0/0', 'eth0'),
  route('::/0', 'eth0'),
  { cidr: '10.64.0.1/24', network: 'wide', dev: 'virbr1', what: 'network' },
  route('10.8.0.0/16', 'tun0'),
  { cidr: '192.168.9.5/24', network: null, dev: 'eth1', what: 'address' },
  { cidr: 'fd00:1::1/64', network: 'six', dev: 'virbr3', what: 'network' },
];

describe('overlapIn', () => {
  it('finds equal, inner and outer subnets in either family', () => {
    expect(overlapIn(taken, '10.64.0.1/24')?.network).toBe('wide');
    expect(overlapIn(taken, '10.64.0.129/25')?.network).toBe('wide');
    expect(overlapIn(taken, '10.0.0.1/8')?.network).toBe('wide');
    expect(overlapIn(taken, '10.8.200.1/24')?.dev).toBe('tun0');
    expect(overlapIn(taken, '192.168.9.1/28')?.what).toBe('address');
    expect(overlapIn(taken, 'fd00:1::1:1/96')?.network).toBe('six');
  });

  it('lets through what overlaps only the default route', () => {
    expect(overlapIn(taken, '10.65.0.1/24')).toBeNull();
    expect(overlapIn(taken, 'fd00:2::1/64')).toBeNull();
  });
});

describe('overlapError', () => {
  it('names the network, or the interface in libvirt words, and says what to do', () => {
    const net = overlapError('10.64.0.129/25', taken[2]!);
    expect(net.kind).toBe('conflict');
    expect(net.message).toBe(
      "Network is already in use: subnet 10.64.0.128/25 overlaps 10.64.0.0/24 of network 'wide' (bridge virbr1); choose a subnet that overlaps no other network, route or address of this host.",
    );
    expect(overlapError('10.8.1.1/24', taken[3]!).message).toMatch(
      /^Network is already in use by interface tun0 \(route 10\.8\.0\.0\/16 overlaps 10\.8\.1\.0\/24\); choose/,
    );
  });
});
