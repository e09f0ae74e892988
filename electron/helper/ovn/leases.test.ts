import { describe, expect, it } from 'vitest';
import type { OvnGuestPort } from './guest-ports';
import { leasesOf } from './leases';

const port = (name: string, ip: string | null): OvnGuestPort => ({
  networkUuid: 'u1',
  network: 'lab',
  port: name,
  mac: `52:54:00:00:00:${name.slice(-2)}`,
  ip,
  up: true,
});

describe('OVN leases', () => {
  it('are the ports holding an address and bound to a chassis, never expiring', () => {
    const ports = [port('p-01', '10.20.0.100'), port('p-02', '10.20.0.101'), port('p-03', null)];
    const hosts = new Map([
      ['p-01', 'host-a'],
      ['p-03', 'host-b'],
    ]);
    expect(leasesOf('lab', 24, ports, hosts)).toEqual([
      {
        network: 'lab',
        expiry: 0,
        mac: '52:54:00:00:00:01',
        protocol: 'ipv4',
        ipPrefix: '10.20.0.100/24',
        ip: '10.20.0.100',
        hostname: null,
        clientId: null,
        host: 'host-a',
      },
    ]);
  });
});
