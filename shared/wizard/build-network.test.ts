import { describe, expect, it } from 'vitest';
import { validateNetworkDef } from '../validation/validate-network';
import { formatNetworkXml } from '../xml/format-network';
import { parseNetworkXml } from '../xml/parse-network';
import { buildNetworkDef, buildNetworkXml } from './build-network';
import type { WizardChoices } from './choices';
import { chosenDomain } from './choices';
import { OVN_CHOICES_DEFAULT } from './ovn-choices';

const NAT: WizardChoices = {
  name: 'lab',
  mode: 'nat',
  hostBridge: '',
  ipv4Network: '192.168.100.0/24',
  ipv4Gateway: '192.168.100.1',
  ipv4Dhcp: true,
  ipv4Start: '192.168.100.128',
  ipv4End: '192.168.100.254',
  ipv6Enabled: false,
  ipv6Network: 'fd12:3456:789a:1::/64',
  ipv6Gateway: 'fd12:3456:789a:1::1',
  ipv6Dhcp: true,
  ipv6Start: 'fd12:3456:789a:1::100',
  ipv6End: 'fd12:3456:789a:1::1ff',
  ipv6Nat: true,
  forwardDev: '',
  dnsChoice: 'name',
  customDomain: '',
  startNow: true,
  autostart: true,
  ...OVN_CHOICES_DEFAULT,
};

describe('buildNetworkXml', () => {
  it('writes a NAT network as libvirt formats it: domain, gateway with prefix, DHCP range', () => {
    expect(buildNetworkXml(NAT)).toBe(`<network>
  <name>lab</name>
  <forward mode='nat'/>
  <bridge stp='on' delay='0'/>
  <domain name='lab' localOnly='yes'/>
  <ip address='192.168.100.1' prefix='24'>
    <dhcp>
      <range start='192.168.100.128' end='192.168.100.254'/>
    </dhcp>
  </ip>
</network>
`);
  });

  it('routes through a chosen device and adds IPv6 with DHCPv6', () => {
    const xml = buildNetworkXml({
      ...NAT,
      mode: 'route',
      forwardDev: 'eth0',
      ipv6Enabled: true,
      dnsChoice: 'none',
    });
    expect(xml).toContain("<forward dev='eth0' mode='route'>");
    expect(xml).toContain("<interface dev='eth0'/>");
    expect(xml).not.toContain('<domain');
    expect(xml).toContain("<ip family='ipv6' address='fd12:3456:789a:1::1' prefix='64'>");
    expect(xml).toContain("<range start='fd12:3456:789a:1::100' end='fd12:3456:789a:1::1ff'/>");
  });

  it('writes IPv6 NAT for a NAT network with IPv6: <nat ipv6=yes/>, a ULA /64 and a DHCPv6 range', () => {
    expect(buildNetworkXml({ ...NAT, ipv6Enabled: true })).toBe(`<network>
  <name>lab</name>
  <forward mode='nat'>
    <nat ipv6='yes'/>
  </forward>
  <bridge stp='on' delay='0'/>
  <domain name='lab' localOnly='yes'/>
  <ip address='192.168.100.1' prefix='24'>
    <dhcp>
      <range start='192.168.100.128' end='192.168.100.254'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd12:3456:789a:1::1' prefix='64'>
    <dhcp>
      <range start='fd12:3456:789a:1::100' end='fd12:3456:789a:1::1ff'/>
    </dhcp>
  </ip>
</network>
`);
  });

  it('keeps a forward device beside IPv6 NAT, in a definition vnmd accepts', () => {
    const def = buildNetworkDef({ ...NAT, ipv6Enabled: true, forwardDev: 'eth0' });
    expect(def.forward?.nat).toEqual({ ipv6: 'yes', addresses: [] });
    const xml = formatNetworkXml(def);
    expect(xml).toContain("<forward dev='eth0' mode='nat'>");
    expect(xml).toContain("<nat ipv6='yes'/>");
    expect(validateNetworkDef(def)).toEqual([]);
  });

  it('routes IPv6 when chosen, and writes no IPv6 NAT without IPv6 or outside NAT mode', () => {
    const routed = buildNetworkXml({ ...NAT, ipv6Enabled: true, ipv6Nat: false });
    expect(routed).toContain("<forward mode='nat'/>");
    expect(routed).toContain("<ip family='ipv6'");
    expect(buildNetworkXml({ ...NAT, ipv6Enabled: false })).not.toContain('<nat');
    expect(buildNetworkXml({ ...NAT, mode: 'route', ipv6Enabled: true })).not.toContain('<nat');
    expect(buildNetworkXml({ ...NAT, mode: 'isolated', ipv6Enabled: true })).not.toContain('<nat');
  });

  it('leaves out <forward> for isolated and the forward device for open', () => {
    expect(buildNetworkXml({ ...NAT, mode: 'isolated', forwardDev: 'eth0' })).not.toContain('<forward');
    expect(buildNetworkXml({ ...NAT, mode: 'open', forwardDev: 'eth0' })).toContain("<forward mode='open'/>");
  });

  it('writes no DHCP element when DHCP is off, and trims what was typed', () => {
    const xml = buildNetworkXml({ ...NAT, ipv4Dhcp: false, ipv4Gateway: ' 192.168.100.1 ' });
    expect(xml).toContain("<ip address='192.168.100.1' prefix='24'>\n  </ip>");
    expect(xml).not.toContain('<dhcp>');
  });

  it('uses a custom domain', () => {
    expect(buildNetworkXml({ ...NAT, dnsChoice: 'custom', customDomain: 'lab.example ' })).toContain(
      "<domain name='lab.example' localOnly='yes'/>",
    );
  });

  it('bridges to a host bridge with no addresses, forward device or domain', () => {
    expect(buildNetworkXml({ ...NAT, mode: 'bridge', hostBridge: 'br0', forwardDev: 'eth0' })).toBe(`<network>
  <name>lab</name>
  <forward mode='bridge'/>
  <bridge name='br0'/>
</network>
`);
  });

  it('gives definitions libvirt accepts and that parse back to the same model, in every mode', () => {
    for (const mode of ['nat', 'route', 'isolated', 'open', 'bridge'] as const) {
      const choices = { ...NAT, mode, hostBridge: 'br0', ipv6Enabled: true };
      const def = buildNetworkDef(choices);
      expect(validateNetworkDef(def)).toEqual([]);
      const xml = buildNetworkXml(choices);
      const parsed = parseNetworkXml(xml);
      expect(parsed.ok ? formatNetworkXml(parsed.def) : parsed).toBe(xml);
    }
  });
});

describe('chosenDomain', () => {
  it('is the name, the trimmed custom domain, or none', () => {
    expect(chosenDomain({ name: 'n', dnsChoice: 'name', customDomain: 'x' })).toBe('n');
    expect(chosenDomain({ name: 'n', dnsChoice: 'custom', customDomain: ' a.b ' })).toBe('a.b');
    expect(chosenDomain({ name: 'n', dnsChoice: 'none', customDomain: 'x' })).toBeUndefined();
  });
});
