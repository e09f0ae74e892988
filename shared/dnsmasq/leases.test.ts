import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { parseLeases, parseLeasesFile, toLeaseRows } from './leases';

// As dnsmasq 2.90 writes it: IPv4 leases, then the server DUID, then IPv6 leases.
const FILE = [
  '1767225600 52:54:00:aa:bb:cc 192.168.122.50 guest1 01:52:54:00:aa:bb:cc',
  '0 52:54:00:AA:BB:DD 192.168.122.51 * *',
  '1767225000 52:54:00:aa:bb:ee 192.168.122.52 old *',
  'duid 00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01',
  '1767225600 1234567 2001:db8::50 guest6 00:01:00:01:2c:11:22:33:52:54:00:aa:bb:cc',
  '1767225600 T99 2001:db8:0:0::51 * 00:03:00:01:52:54:00:aa:bb:cc',
  '',
].join('\n');

describe('parseLeasesFile', () => {
  it('reads IPv4 and IPv6 lines, the server DUID, and * as absent', () => {
    const { serverDuid, leases } = parseLeasesFile(FILE);
    expect(serverDuid).toBe('00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01');
    expect(leases).toEqual([
      {
        protocol: 'ipv4',
        expiry: 1767225600,
        mac: '52:54:00:aa:bb:cc',
        iaid: null,
        ip: '192.168.122.50',
        hostname: 'guest1',
        clientId: '01:52:54:00:aa:bb:cc',
      },
      {
        protocol: 'ipv4',
        expiry: 0,
        mac: '52:54:00:aa:bb:dd',
        iaid: null,
        ip: '192.168.122.51',
        hostname: null,
        clientId: null,
      },
      {
        protocol: 'ipv4',
        expiry: 1767225000,
        mac: '52:54:00:aa:bb:ee',
        iaid: null,
        ip: '192.168.122.52',
        hostname: 'old',
        clientId: null,
      },
      {
        protocol: 'ipv6',
        expiry: 1767225600,
        mac: null,
        iaid: 1234567,
        ip: '2001:db8::50',
        hostname: 'guest6',
        clientId: '00:01:00:01:2c:11:22:33:52:54:00:aa:bb:cc',
      },
      {
        protocol: 'ipv6',
        expiry: 1767225600,
        mac: null,
        iaid: 99,
        ip: '2001:db8::51',
        hostname: null,
        clientId: '00:03:00:01:52:54:00:aa:bb:cc',
      },
    ]);
  });

  it('drops leases that expired at or before now, keeping infinite ones', () => {
    const ips = parseLeases(FILE, 1767225000).map((l) => l.ip);
    expect(ips).toEqual(['192.168.122.50', '192.168.122.51', '2001:db8::50', '2001:db8::51']);
    expect(parseLeases(FILE, 1767225600).map((l) => l.ip)).toEqual(['192.168.122.51']);
  });

  it('skips torn and malformed lines instead of failing', () => {
    const text =
      '1767225600 52:54:00:aa:bb:cc 192.168.1\nabc 52:54:00:aa:bb:cc 10.0.0.1 h *\n1767225600 52:54\n\n   \n';
    expect(parseLeasesFile(text)).toEqual({ serverDuid: null, leases: [] });
  });

  it('reads an empty file as no leases', () => {
    expect(parseLeases('')).toEqual([]);
  });
});

describe('toLeaseRows', () => {
  const def: NetworkDef = {
    name: 'default',
    ips: [
      { address: '192.168.122.1', netmask: '255.255.255.0' },
      { family: 'ipv6', address: '2001:db8::1', prefix: 64 },
    ],
    routes: [],
    portgroups: [],
  };

  it('adds the network name and the prefix of the subnet holding each address', () => {
    const rows = toLeaseRows(def, parseLeases(FILE, 1767225000));
    expect(rows.map((r) => r.ipPrefix)).toEqual([
      '192.168.122.50/24',
      '192.168.122.51/24',
      '2001:db8::50/64',
      '2001:db8::51/64',
    ]);
    expect(rows[0]).toMatchObject({
      network: 'default',
      mac: '52:54:00:aa:bb:cc',
      hostname: 'guest1',
      protocol: 'ipv4',
    });
  });

  it('falls back to a host prefix for an address outside every subnet', () => {
    const rows = toLeaseRows(def, parseLeases('0 52:54:00:00:00:01 10.9.9.9 * *\n'));
    expect(rows[0]?.ipPrefix).toBe('10.9.9.9/32');
  });
});
