import { describe, expect, it } from 'vitest';
import type { HostInterface } from '@shared/rpc/contract';
import { hostAddressChoices } from './forward-host-addresses';

const iface = (name: string, addresses: string[], master: string | null = null): HostInterface => ({
  name,
  type: 'ether',
  mac: null,
  state: 'up',
  addresses,
  mtu: 1500,
  master,
});

describe('hostAddressChoices', () => {
  it('offers the uplink addresses, not loopback, link-local or the networks’ own bridges', () => {
    const choices = hostAddressChoices(
      [
        iface('lo', ['127.0.0.1/8', '::1/128']),
        iface('up0', ['198.51.100.2/24', '2001:db8:ff::2/64', 'fe80::1/64']),
        iface('virbr0', ['192.168.122.1/24']),
        iface('vnet0', ['169.254.0.9/16'], 'virbr0'),
        iface('docker0', ['172.17.0.1/16']),
      ],
      ['virbr0'],
    );
    expect(choices).toEqual([
      { address: '198.51.100.2', interface: 'up0' },
      { address: '2001:db8:ff::2', interface: 'up0' },
      { address: '172.17.0.1', interface: 'docker0' },
    ]);
  });
});
