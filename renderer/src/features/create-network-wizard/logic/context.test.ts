import { describe, expect, it } from 'vitest';
import type { HostInterface, NetworkSummary } from '@shared/rpc/contract';
import { buildContext } from './context';

const net = (name: string, bridge: string | null): NetworkSummary => ({
  name,
  uuid: `u-${name}`,
  active: bridge !== null,
  persistent: true,
  autostart: false,
  kind: 'nat',
  bridge,
  problem: null,
});
const iface = (
  name: string,
  type: string,
  addresses: string[] = [],
  master: string | null = null,
): HostInterface => ({
  name,
  type,
  mac: null,
  state: 'up',
  addresses,
  mtu: 1500,
  master,
});

describe('buildContext', () => {
  const ctx = buildContext(
    [net('default', 'virbr0'), net('lab', null)],
    new Map([
      ['default', ['192.168.122.1/24']],
      ['lab', ['10.1.0.1/24', 'fd00:1::1/64']],
    ]),
    [
      iface('lo', 'loopback', ['127.0.0.1/8']),
      iface('eth0', 'ether', ['10.0.0.5/24']),
      iface('br0', 'bridge', ['192.168.1.2/24']),
      iface('eth1', 'ether', [], 'br0'),
      iface('virbr0', 'bridge', ['192.168.122.1/24']),
      iface('vnet0', 'tun', [], 'virbr0'),
      iface('virbr0-ifb', 'ifb'),
    ],
  );

  it('knows the names and every subnet in use, saying whose it is', () => {
    expect(ctx.existingNames).toEqual(['default', 'lab']);
    expect(ctx.takenSubnets).toContainEqual({ subnet: '10.1.0.1/24', owner: "network 'lab'" });
    expect(ctx.takenSubnets).toContainEqual({ subnet: 'fd00:1::1/64', owner: "network 'lab'" });
    expect(ctx.takenSubnets).toContainEqual({ subnet: '10.0.0.5/24', owner: 'eth0 on this host' });
  });

  it('offers host bridges and forward devices, but not vnm bridges, loopback, bridge ports or ifbs', () => {
    expect(ctx.hostBridges).toEqual(['br0']);
    expect(ctx.forwardDevices).toEqual(['eth0', 'br0']);
  });
});
