import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { allocatePort } from './port-allocate';

const nat: NetworkDef = {
  name: 'default',
  forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
  bridge: { name: 'virbr0', macTableManager: 'kernel' },
  ips: [],
  routes: [],
  portgroups: [
    { name: 'slow', bandwidth: { inbound: { average: 100 } } },
    { name: 'trusted', trustGuestRxFilters: 'yes' },
  ],
  portIsolated: 'yes',
};
const hostBridge: NetworkDef = {
  name: 'lan',
  forward: { mode: 'bridge', interfaces: [], pf: [], addresses: [] },
  bridge: { name: 'br0' },
  ips: [],
  routes: [],
  portgroups: [],
};
const port: NetworkPortDef = {
  uuid: '5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a',
  ownerName: 'g',
  ownerUuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  mac: '52:54:00:01:02:03',
};

describe('allocatePort', () => {
  it("fills in the plug as libvirt does: type 'network' on a virtual network, with its macTableManager", () => {
    const p = allocatePort(nat, 'virbr0', { ...port, group: 'trusted' });
    expect(p.plug).toEqual({ type: 'network', bridge: 'virbr0', macTableManager: 'kernel' });
    expect(p.isolated).toBe('yes');
    expect(p.trustGuest).toBe('yes');
  });

  it("plugs a port of a host-bridge network as type 'bridge', and keeps the port's own isolation", () => {
    const p = allocatePort(hostBridge, 'br0', { ...port, isolated: 'no' });
    expect(p.plug).toEqual({ type: 'bridge', bridge: 'br0' });
    expect(p.isolated).toBe('no');
  });

  it("keeps the port's own bandwidth, else copies its group's, as libvirt does", () => {
    const own = { inbound: { average: 7 } };
    expect(allocatePort(nat, 'virbr0', { ...port, bandwidth: own }).bandwidth).toEqual(own);
    expect(allocatePort(nat, 'virbr0', { ...port, group: 'slow' }).bandwidth).toEqual({
      inbound: { average: 100 },
    });
    expect(allocatePort(nat, 'virbr0', port).bandwidth).toBeUndefined();
  });

  it('gives a floor its class and drops a classID the port XML brought; refuses one that does not fit', () => {
    const shaped: NetworkDef = { ...nat, bandwidth: { inbound: { average: 1000 } } };
    const p = allocatePort(shaped, 'virbr0', { ...port, bandwidth: { inbound: { floor: 600 } }, classId: 9 });
    expect(p.classId).toBe(3);
    expect(
      allocatePort(shaped, 'virbr0', { ...port, bandwidth: { inbound: { average: 5 } }, classId: 9 }).classId,
    ).toBeUndefined();
    expect(() =>
      allocatePort(
        shaped,
        'virbr0',
        { ...port, mac: '52:54:00:0a:0b:0c', bandwidth: { inbound: { floor: 500 } } },
        [p],
      ),
    ).toThrow(
      "Cannot plug '52:54:00:0a:0b:0c' interface into 'virbr0' because new combined inbound floor=1100 would overcommit average=1000 on network 'default'",
    );
  });

  it('refuses a vlan and a virtualport, and a plug elsewhere than the running bridge', () => {
    expect(() => allocatePort(nat, 'virbr0', { ...port, vlan: { tags: [{ id: 5 }] } })).toThrow(/<vlan>/);
    expect(() =>
      allocatePort(nat, 'virbr0', { ...port, virtualport: { type: 'openvswitch', parameters: [] } }),
    ).toThrow(/<virtualport type='openvswitch'> not supported/);
    expect(() =>
      allocatePort(nat, 'virbr0', { ...port, plug: { type: 'network', bridge: 'virbr9' } }),
    ).toThrow(/runs on bridge 'virbr0'/);
    expect(() => allocatePort(nat, 'virbr0', { ...port, plug: { type: 'direct', dev: 'eth0' } })).toThrow(
      /not as type='direct'/,
    );
  });

  it('keeps a plug that names the running bridge as given (libvirt adds nothing to it)', () => {
    const given = { ...port, plug: { type: 'network' as const, bridge: 'virbr0' } };
    expect(allocatePort(nat, 'virbr0', given)).toEqual(given);
  });

  it('gives an OVN port an openvswitch virtualport with its interfaceid, and refuses what OVN ports cannot apply yet', () => {
    const ovn: NetworkDef = {
      ...hostBridge,
      name: 'span',
      bridge: { name: 'br-int' },
      virtualport: { type: 'openvswitch', parameters: [] },
      ovn: { mode: 'isolated', subnet: '10.20.0.0/24' },
    };
    const p = allocatePort(ovn, 'br-int', port);
    expect(p.plug).toEqual({ type: 'bridge', bridge: 'br-int' });
    expect(p.virtualport).toEqual({ type: 'openvswitch', parameters: [['interfaceid', port.uuid]] });
    const given = { type: 'openvswitch', parameters: [['interfaceid', 'vm1-eth0']] as [string, string][] };
    expect(allocatePort(ovn, 'br-int', { ...port, virtualport: given }).virtualport).toEqual(given);
    expect(() => allocatePort(ovn, 'br-int', { ...port, isolated: 'yes' })).toThrow(
      /OVN network.*<port isolated='yes'\/>/,
    );
    expect(() => allocatePort(ovn, 'br-int', { ...port, bandwidth: { inbound: { average: 100 } } })).toThrow(
      /does not yet apply a port's <bandwidth>/,
    );
  });
});
