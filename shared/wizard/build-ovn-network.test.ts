/** The wizard's OVN mode: the XML it writes, read back with the codec and judged by validation. */
import { describe, expect, it } from 'vitest';
import { validateNetworkDef } from '../validation/validate-network';
import { parseNetworkXml } from '../xml/parse-network';
import { buildNetworkXml } from './build-network';
import type { WizardChoices } from './choices';
import { OVN_CHOICES_DEFAULT, dnsServers, physnetsOf } from './ovn-choices';

const ISOLATED: WizardChoices = {
  name: 'span',
  mode: 'ovn',
  hostBridge: '',
  ipv4Network: '10.77.0.0/24',
  ipv4Gateway: '10.77.0.1',
  ipv4Dhcp: true,
  ipv4Start: '10.77.0.128',
  ipv4End: '10.77.0.254',
  ipv6Enabled: true,
  ipv6Network: 'fd12:3456:789a:1::/64',
  ipv6Gateway: 'fd12:3456:789a:1::1',
  ipv6Dhcp: true,
  ipv6Start: 'fd12:3456:789a:1::100',
  ipv6End: 'fd12:3456:789a:1::1ff',
  ipv6Nat: true,
  forwardDev: 'eth0',
  dnsChoice: 'name',
  customDomain: '',
  startNow: true,
  autostart: true,
  ...OVN_CHOICES_DEFAULT,
};

const NAT: WizardChoices = {
  ...ISOLATED,
  ovnMode: 'nat',
  ovnSwitch: 'lab-switch',
  ovnMtu: '1400',
  ovnDns: '10.77.0.1, 192.0.2.53',
  dnsChoice: 'custom',
  customDomain: 'lab.example',
  uplinkChassis: 'host-a',
  uplinkPhysnet: 'uplink',
  uplinkAddress: '198.51.100.10/24',
  uplinkNexthop: '198.51.100.1',
};

function parsed(c: WizardChoices) {
  const r = parseNetworkXml(buildNetworkXml(c));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

describe('the wizard’s OVN network', () => {
  it('is libvirt’s bridge mode on br-int with an openvswitch port, no <ip>, and the OVN settings in metadata', () => {
    const xml = buildNetworkXml(ISOLATED);
    expect(xml).toContain("<forward mode='bridge'/>");
    expect(xml).toContain("<bridge name='br-int'/>");
    expect(xml).toContain("<virtualport type='openvswitch'/>");
    expect(xml).not.toContain('<ip');
    expect(xml).not.toContain('<domain');
    const def = parsed(ISOLATED);
    expect(def.ovn).toEqual({
      mode: 'isolated',
      subnet: '10.77.0.0/24',
      gateway: '10.77.0.1',
      mtu: 1442,
      dhcp: { start: '10.77.0.128', end: '10.77.0.254', dns: [], domain: 'span' },
    });
    expect(validateNetworkDef(def)).toEqual([]);
  });

  it('writes NAT with its uplink, switch name, MTU, DNS servers and domain', () => {
    const def = parsed(NAT);
    expect(def.ovn).toEqual({
      mode: 'nat',
      switchName: 'lab-switch',
      subnet: '10.77.0.0/24',
      gateway: '10.77.0.1',
      mtu: 1400,
      dhcp: {
        start: '10.77.0.128',
        end: '10.77.0.254',
        dns: ['10.77.0.1', '192.0.2.53'],
        domain: 'lab.example',
      },
      uplink: { chassis: 'host-a', physnet: 'uplink', address: '198.51.100.10/24', nexthop: '198.51.100.1' },
    });
    expect(validateNetworkDef(def)).toEqual([]);
  });

  it('leaves DHCP out when it is off, and the MTU to OVN’s default when empty', () => {
    const def = parsed({ ...ISOLATED, ipv4Dhcp: false, ovnMtu: '' });
    expect(def.ovn?.dhcp).toBeUndefined();
    expect(def.ovn?.mtu).toBeUndefined();
  });

  it('has no uplink in isolated mode, whatever the uplink fields hold', () => {
    expect(parsed({ ...NAT, ovnMode: 'isolated' }).ovn?.uplink).toBeUndefined();
    expect(parsed({ ...NAT, ovnMode: 'routed' }).ovn?.uplink?.chassis).toBe('host-a');
  });
});

describe('OVN choice helpers', () => {
  it('reads DNS servers separated by spaces or commas, and physnets from bridge mappings', () => {
    expect(dnsServers(' 10.0.0.1,10.0.0.2  10.0.0.3 ')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(physnetsOf('uplink:br-ex, lan:br-lan')).toEqual(['uplink', 'lan']);
    expect(physnetsOf(null)).toEqual([]);
  });
});
