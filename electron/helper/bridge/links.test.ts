import { describe, expect, it } from 'vitest';
import { VnmError } from '../../../shared/rpc/errors';
import type { IpBatch } from './ip-batch';
import { assertLinkName, createBridge, toLinkInfo } from './links';
import { toHostInterface } from '../host/facts';

// Samples of `ip -json -details link show` / `addr show` (iproute2 6.1), trimmed.
const BRIDGE = {
  ifindex: 5,
  ifname: 'virbr0',
  flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
  mtu: 1500,
  operstate: 'UP',
  link_type: 'ether',
  address: '52:54:00:11:22:33',
  linkinfo: { info_kind: 'bridge', info_data: { forward_delay: 0, stp_state: 0 } },
  addr_info: [{ family: 'inet', local: '192.168.122.1', prefixlen: 24 }],
};
const PORT = {
  ifindex: 6,
  ifname: 'vnet0',
  mtu: 1500,
  operstate: 'UP',
  link_type: 'ether',
  address: 'fe:54:00:aa:bb:cc',
  master: 'virbr0',
  linkinfo: { info_kind: 'tun', info_slave_kind: 'bridge' },
};
const ETH = {
  ifindex: 2,
  ifname: 'eth0',
  mtu: 9000,
  operstate: 'DOWN',
  link_type: 'ether',
  address: '00:11:22:33:44:55',
};

describe('toLinkInfo', () => {
  it('reads bridges with their STP settings', () => {
    expect(toLinkInfo(BRIDGE)).toEqual({
      name: 'virbr0',
      index: 5,
      kind: 'bridge',
      linkType: 'ether',
      mac: '52:54:00:11:22:33',
      mtu: 1500,
      state: 'UP',
      flags: BRIDGE.flags,
      master: null,
      bridge: { stp: false, forwardDelayCs: 0 },
    });
  });

  it('reads ports with their master, and plain devices without a kind', () => {
    expect(toLinkInfo(PORT)).toMatchObject({ kind: 'tun', master: 'virbr0' });
    expect(toLinkInfo(ETH)).toMatchObject({ kind: null, mac: '00:11:22:33:44:55', state: 'DOWN' });
    expect(toLinkInfo({ ...ETH, address: '' })).toMatchObject({ mac: null });
  });
});

describe('toHostInterface', () => {
  it('matches the HostInterface contract', () => {
    expect(toHostInterface(BRIDGE)).toEqual({
      name: 'virbr0',
      type: 'bridge',
      mac: '52:54:00:11:22:33',
      state: 'up',
      addresses: ['192.168.122.1/24'],
      mtu: 1500,
      master: null,
    });
    expect(toHostInterface(ETH)).toMatchObject({ type: 'ethernet', state: 'down', addresses: [] });
    expect(toHostInterface(PORT)).toMatchObject({ type: 'tun', master: 'virbr0' });
  });
});

describe('assertLinkName', () => {
  it('accepts what the kernel accepts and refuses the rest', () => {
    for (const ok of ['virbr0', 'br-lan', 'eth0.100', 'a'.repeat(15), 'wlp0s20f3'])
      expect(() => assertLinkName(ok)).not.toThrow();
    for (const bad of ['', 'a'.repeat(16), 'a/b', 'a:b', 'a b', '.', '..', 'tab\t', 'q"', 'é'.repeat(8)]) {
      expect(() => assertLinkName(bad)).toThrow(VnmError);
    }
  });

  it('checks bridge options before running anything', async () => {
    const ipNeverRun = {
      run: () => Promise.reject(new Error('ip ran before the options were checked')),
    } as unknown as IpBatch;
    await expect(createBridge(ipNeverRun, { name: 'virbr0', stp: false, mac: 'zz' })).rejects.toThrow(
      'MAC address',
    );
    await expect(createBridge(ipNeverRun, { name: 'virbr0', stp: false, mtu: 10 })).rejects.toThrow(
      '68 to 65535',
    );
    await expect(createBridge(ipNeverRun, { name: 'virbr0', stp: false, delayCs: -1 })).rejects.toThrow(
      'delay',
    );
  });
});
