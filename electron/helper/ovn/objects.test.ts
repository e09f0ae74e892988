import { describe, expect, it } from 'vitest';
import type { OvnSettings } from '../../../shared/model/ovn';
import { excludeIps, routerCommands, stableMac, switchCommands } from './objects';

const ovn: OvnSettings = {
  mode: 'nat',
  subnet: '10.20.0.0/24',
  dhcp: { start: '10.20.0.100', end: '10.20.0.199', dns: ['10.20.0.1'], domain: 'lab' },
  uplink: { chassis: 'host-a', physnet: 'uplink', address: '198.51.100.10/24', nexthop: '198.51.100.1' },
};
const ref = { name: 'lab', uuid: '3e3fce45-4f53-4fa7-bb32-11f34168b82b', ovn };

describe('OVN northbound objects', () => {
  it("keeps OVN's IPAM inside the DHCP range", () => {
    expect(excludeIps(ovn)).toBe('10.20.0.1..10.20.0.99 10.20.0.200..10.20.0.254');
    expect(excludeIps({ ...ovn, gateway: '10.20.0.150' })).toBe(
      '10.20.0.1..10.20.0.99 10.20.0.200..10.20.0.254 10.20.0.150',
    );
  });

  it('tags every row it creates with the network and its UUID', () => {
    for (const args of [switchCommands(ref), routerCommands(ref)]) {
      const creates = args.filter((a) => a === 'create').length;
      expect(
        args.filter((a) => a === 'external_ids:vnm-uuid="3e3fce45-4f53-4fa7-bb32-11f34168b82b"'),
      ).toHaveLength(creates);
      expect(args.filter((a) => a === 'external_ids:vnm-network="lab"')).toHaveLength(creates);
    }
  });

  it('gives DHCP the router, MTU and DNS, and leaves the router out when isolated', () => {
    const nat = switchCommands(ref);
    expect(nat).toEqual(
      expect.arrayContaining([
        'options:router="10.20.0.1"',
        'options:mtu="1442"',
        'options:dns_server="{10.20.0.1}"',
      ]),
    );
    expect(nat).toContain('options:domain_name="\\"lab\\""');
    const isolated = switchCommands({ ...ref, ovn: { ...ovn, mode: 'isolated', uplink: undefined } });
    expect(isolated.some((a) => a.startsWith('options:router='))).toBe(false);
  });

  it('SNATs the subnet to the uplink address only in nat mode', () => {
    expect(routerCommands(ref)).toEqual(expect.arrayContaining(['type=snat', 'external_ip="198.51.100.10"']));
    expect(routerCommands({ ...ref, ovn: { ...ovn, mode: 'routed' } })).not.toContain('type=snat');
  });

  it('derives stable, locally administered MACs', () => {
    expect(stableMac(ref.uuid, 'dhcp')).toBe(stableMac(ref.uuid, 'dhcp'));
    expect(stableMac(ref.uuid, 'dhcp')).toMatch(/^0a(:[0-9a-f]{2}){5}$/);
    expect(stableMac(ref.uuid, 'dhcp')).not.toBe(stableMac(ref.uuid, 'router-inner'));
  });
});
