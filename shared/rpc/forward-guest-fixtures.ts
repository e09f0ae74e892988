/**
 * Test data for naming the guests of port forwards, shared by the CLI's tests
 * (`electron/cli/verbs/forward-guest-names.test.ts`) and the window's
 * (`renderer/src/features/forwards/forward-guests.test.ts`), which read the same definitions
 * and leases: network `default` on 192.168.122.1/24.
 */
import type { DhcpHost, NetworkDef } from '../model/network';
import type { Lease } from './contract';

/** Network `default` with these static DHCP hosts; only what guest naming reads is filled in. */
export function networkWithHosts(hosts: readonly DhcpHost[]): NetworkDef {
  return {
    name: 'default',
    ips: [{ address: '192.168.122.1', prefix: 24, dhcp: { ranges: [], hosts } }],
    routes: [],
    portgroups: [],
  };
}

/** A lease on network `default`, as vnmd lists it. */
export function leaseOf(
  ip: string,
  hostname: string | null,
  mac: string | null = '52:54:00:00:00:01',
): Lease {
  return {
    network: 'default',
    expiry: 0,
    mac,
    protocol: ip.includes(':') ? 'ipv6' : 'ipv4',
    ipPrefix: `${ip}/24`,
    ip,
    hostname,
    clientId: null,
  };
}
