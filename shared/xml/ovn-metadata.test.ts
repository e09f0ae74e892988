import { describe, expect, it } from 'vitest';
import { validateNetworkDef } from '../validation/validate-network';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

const XML = `<network>
  <name>lab</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <metadata>
    <app:note xmlns:app="https://example.org/app">kept</app:note>
    <vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat" subnet="10.20.0.0/24" gateway="10.20.0.1">
      <vnm:dhcp start="10.20.0.100" end="10.20.0.199" leaseTime="600" dns="10.20.0.1 192.0.2.53" domain="lab"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.10/24" nexthop="198.51.100.1"/>
    </vnm:ovn>
  </metadata>
  <forward mode='bridge'/>
  <bridge name='br-int'/>
  <virtualport type='openvswitch'/>
</network>
`;

function parse(xml: string) {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

describe('OVN settings in <metadata>', () => {
  it('lifts <vnm:ovn> out of the metadata and keeps the rest verbatim', () => {
    const def = parse(XML);
    expect(def.ovn).toEqual({
      mode: 'nat',
      subnet: '10.20.0.0/24',
      gateway: '10.20.0.1',
      dhcp: {
        start: '10.20.0.100',
        end: '10.20.0.199',
        leaseTime: 600,
        dns: ['10.20.0.1', '192.0.2.53'],
        domain: 'lab',
      },
      uplink: { chassis: 'host-a', physnet: 'uplink', address: '198.51.100.10/24', nexthop: '198.51.100.1' },
    });
    expect(def.metadata).toContain('<app:note');
    expect(def.metadata).not.toContain('vnm:ovn');
    expect(validateNetworkDef(def)).toEqual([]);
  });

  it('writes them back so that parsing again gives the same network', () => {
    const def = parse(XML);
    const xml = formatNetworkXml(def);
    expect(xml).toContain('<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat"');
    expect(xml).toContain("<virtualport type='openvswitch'/>");
    expect(parse(xml)).toEqual(def);
    expect(formatNetworkXml(parse(xml))).toBe(xml);
  });

  it('refuses a mode it does not know and a missing subnet', () => {
    const r = parseNetworkXml(XML.replace('mode="nat" subnet="10.20.0.0/24"', 'mode="mesh"'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.message).join('\n')).toMatch(/Invalid OVN mode 'mesh'.*\n.*lack subnet=/);
  });

  it('checks the subnet, range, uplink and the integration bridge', () => {
    const bad = parse(
      XML.replace('start="10.20.0.100"', 'start="10.30.0.100"')
        .replace('nexthop="198.51.100.1"', 'nexthop="203.0.113.1"')
        .replace("<forward mode='bridge'/>", "<forward mode='nat'/>"),
    );
    const messages = validateNetworkDef(bad).map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/must be written as OVN's integration bridge/),
        expect.stringMatching(/DHCP range start '10.30.0.100' .* not an address in its subnet/),
        expect.stringMatching(/nexthop '203.0.113.1' .* not an address on the uplink subnet/),
      ]),
    );
    const isolated = parse(XML.replace('mode="nat"', 'mode="isolated"'));
    expect(validateNetworkDef(isolated).map((e) => e.message)).toEqual([
      expect.stringMatching(/isolated OVN network 'lab' has an uplink/),
    ]);
  });
});
