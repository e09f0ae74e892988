import { describe, expect, it } from 'vitest';
import type { Lease, PortCounters } from '@shared/rpc/contract';
import { fakeCounters } from '@/test/fake-data';
import { uncountedByHost, uncountedText } from './uncounted-guests';

const lease = (mac: string, ip: string, host?: string, protocol: Lease['protocol'] = 'ipv4'): Lease => ({
  network: 'span',
  expiry: 0,
  mac,
  protocol,
  ipPrefix: `${ip}/24`,
  ip,
  hostname: null,
  clientId: null,
  ...(host ? { host } : {}),
});
const port = (mac: string, ip: string, host: string): PortCounters => ({
  ...fakeCounters('tap0', 0, 0),
  mac,
  ip,
  hostname: null,
  host,
});

describe('guests without counters, by host', () => {
  it('groups the leases of hosts the window has no counters from, one guest per MAC', () => {
    const leases = [
      lease('52:54:00:00:00:01', '10.77.0.101', 'host-a'),
      lease('52:54:00:00:00:02', '10.77.0.102', 'host-b'),
      lease('52:54:00:00:00:02', 'fd00::2', 'host-b', 'ipv6'),
      lease('52:54:00:00:00:03', '10.77.0.103', 'host-b'),
      lease('52:54:00:00:00:04', '10.77.0.104', 'host-c'),
    ];
    const ports = [port('52:54:00:00:00:01', '10.77.0.101', 'host-a')];
    expect(uncountedByHost(leases, ports, 'host-a')).toEqual([
      { host: 'host-b', guests: 2 },
      { host: 'host-c', guests: 1 },
    ]);
  });

  it('leaves out leases with counters, of this window’s host, of counted hosts, and without a host', () => {
    const leases = [
      lease('52:54:00:00:00:09', '10.77.0.109', 'host-a'),
      lease('52:54:00:00:00:0A', '10.77.0.110', 'host-b'),
      lease('52:54:00:00:00:0b', '10.77.0.111', 'host-c'),
      lease('52:54:00:00:00:0c', '10.77.0.112'),
    ];
    const ports = [port('52:54:00:00:00:0a', '10.77.0.110', 'host-b'), port('x', 'y', 'host-c')];
    expect(uncountedByHost(leases, ports, 'host-a')).toEqual([]);
  });

  it('leaves out hosts the window is connected to, by connection name or ssh’s USER@HOST', () => {
    const leases = [
      lease('52:54:00:00:00:0d', '10.77.0.113', 'host-b'),
      lease('52:54:00:00:00:0e', '10.77.0.114', 'host-c'),
    ];
    expect(uncountedByHost(leases, [], 'host-a', ['host-b'])).toEqual([{ host: 'host-c', guests: 1 }]);
    expect(uncountedByHost(leases, [], 'host-a', ['root@host-c'])).toEqual([{ host: 'host-b', guests: 1 }]);
  });

  it('says what to do, in the singular and the plural', () => {
    expect(uncountedText({ host: 'host-b', guests: 1 })).toBe(
      '1 guest on host-b: its traffic is counted on host-b — connect to it (Connections) to see it here.',
    );
    expect(uncountedText({ host: 'host-b', guests: 3 })).toMatch(/^3 guests on host-b: their traffic/);
  });
});
