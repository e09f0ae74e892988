import { describe, expect, it } from 'vitest';
import { CliFailure } from '../context';
import { forwardFromArgs, formatForwards, parseGuest } from './forwards';

const args = (values: Record<string, string>) => ({ values, flags: new Set<string>() });

describe('parseGuest', () => {
  it('splits an IPv4 address from its ports', () => {
    expect(parseGuest('192.168.122.10:80-81')).toEqual({ address: '192.168.122.10', ports: '80-81' });
    expect(parseGuest('192.168.122.10')).toEqual({ address: '192.168.122.10', ports: undefined });
  });

  it('reads IPv6 bare or bracketed with ports', () => {
    expect(parseGuest('fd00::10')).toEqual({ address: 'fd00::10', ports: undefined });
    expect(parseGuest('[fd00::10]:443')).toEqual({ address: 'fd00::10', ports: '443' });
  });
});

describe('forwardFromArgs', () => {
  it('defaults the guest ports to the host ports and keeps the options', () => {
    const f = forwardFromArgs(
      args({
        protocol: 'TCP',
        hostport: '8000-8002',
        guest: '192.168.122.10',
        address: '203.0.113.5',
        description: 'web',
      }),
    );
    expect(f).toEqual({
      protocol: 'tcp',
      hostAddress: '203.0.113.5',
      hostPort: { start: 8000, end: 8002 },
      guestAddress: '192.168.122.10',
      guestPort: { start: 8000, end: 8002 },
      description: 'web',
    });
  });

  it.each([
    [{ protocol: 'icmp', hostport: '80', guest: '10.0.0.2' }, /unknown protocol 'icmp'/],
    [{ protocol: 'tcp', hostport: 'http', guest: '10.0.0.2' }, /host port 'http' is not a port/],
    [{ protocol: 'tcp', hostport: '80', guest: '10.0.0.2:x' }, /guest port 'x' is not a port/],
    [{ protocol: 'tcp', hostport: '80', guest: ':80' }, /no guest address/],
  ])('refuses %j with what to write', (values, message) => {
    expect(() => forwardFromArgs(args(values))).toThrow(CliFailure);
    expect(() => forwardFromArgs(args(values))).toThrow(message);
  });
});

describe('formatForwards', () => {
  const forward = {
    protocol: 'udp' as const,
    hostPort: { start: 53, end: 53 },
    guestAddress: 'fd00::10',
    guestPort: { start: 5353, end: 5353 },
  };

  it("lays the forwards out as a virsh table, * for every host address, '-' for an unknown guest", () => {
    const out = formatForwards([{ ...forward, guestName: null }]);
    expect(out.split('\n')[0]).toMatch(
      /^ Protocol +Host address +Host port +Guest +Guest port +Guest name +Description$/,
    );
    expect(out.split('\n')[2]).toMatch(/^ udp +\* +53 +\[fd00::10\] +5353 +- +$/);
  });

  it('shows the guest name before the description', () => {
    const out = formatForwards([{ ...forward, guestName: 'dns1', description: 'resolver' }]);
    expect(out.split('\n')[2]).toMatch(/^ udp +\* +53 +\[fd00::10\] +5353 +dns1 +resolver$/);
  });
});
