import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

const fixture = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function parse(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

const roundTrip = (xml: string): string => formatNetworkXml(parse(xml));

describe('formatNetworkXml: canonical documents come back byte for byte', () => {
  it.each(['full-nat.xml', 'hostdev.xml', 'ovs.xml', 'passthrough-pf.xml'])('%s', (name) => {
    const xml = fixture(name);
    expect(roundTrip(xml)).toBe(xml);
  });
});

describe('formatNetworkXml: libvirt normalisation', () => {
  it('fills managed-bridge defaults, forward mode and the interface pool', () => {
    const input = `<network>
  <name>n</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <ip address="10.0.0.1" prefix="24"/>
  <bridge name="virbr9"/>
  <forward dev="eth0"/>
  <mac address="52:54:00:AA:BB:CC"/>
</network>`;
    expect(roundTrip(input)).toBe(`<network>
  <name>n</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <forward dev='eth0' mode='nat'>
    <interface dev='eth0'/>
  </forward>
  <bridge name='virbr9' stp='on' delay='0'/>
  <mac address='52:54:00:aa:bb:cc'/>
  <ip address='10.0.0.1' prefix='24'>
  </ip>
</network>
`);
  });

  it('writes an isolated network with a bridge element even without a name', () => {
    expect(formatNetworkXml({ name: 'iso', ips: [], routes: [], portgroups: [] })).toBe(
      "<network>\n  <name>iso</name>\n  <bridge stp='on' delay='0'/>\n</network>\n",
    );
  });

  it('leaves stp/delay off unmanaged bridges and drops ipv6=no and prefix=0', () => {
    const xml = roundTrip(
      "<network ipv6='no'><name>b</name><forward mode='bridge'/><bridge name='br0'/><ip address='10.0.0.1' netmask='255.0.0.0' prefix='0'/></network>",
    );
    expect(xml).toContain("<bridge name='br0'/>");
    expect(xml).not.toContain('ipv6');
    expect(xml).toContain("<ip address='10.0.0.1' netmask='255.0.0.0'>");
  });

  it('writes PCI addresses in hex and hostdev managed as yes/no', () => {
    const xml = roundTrip(
      "<network><name>h</name><forward mode='hostdev'><address type='pci' domain='0' bus='10' slot='0x1f' function='7'/></forward></network>",
    );
    expect(xml).toContain("<forward mode='hostdev' managed='no'>");
    expect(xml).toContain("<address type='pci' domain='0x0000' bus='0x0a' slot='0x1f' function='0x7'/>");
  });

  it('writes IPv6 as glibc does, including IPv4-mapped addresses', () => {
    const xml = roundTrip(
      "<network><name>v6</name><dns><host ip='::FFFF:192.0.2.1'><hostname>a</hostname></host></dns><ip family='ipv6' address='2001:DB8:0:0:1:0:0:1' prefix='64'/></network>",
    );
    expect(xml).toContain("<host ip='::ffff:192.0.2.1'>");
    expect(xml).toContain("address='2001:db8::1:0:0:1'");
  });

  it('writes lease minutes when no unit is given, and trunk when there are several tags', () => {
    const xml = roundTrip(
      "<network><name>l</name><vlan><tag id='1'/><tag id='2'/></vlan><ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'><lease expiry='30'/></range></dhcp></ip></network>",
    );
    expect(xml).toContain("<lease expiry='30' unit='minutes'/>");
    expect(xml).toContain("<vlan trunk='yes'>");
  });

  it('omits an empty dhcp, and a bootp with no range or host as libvirt does', () => {
    const xml = roundTrip(
      "<network><name>d</name><ip address='10.0.0.1'><dhcp><bootp file='x'/></dhcp></ip></network>",
    );
    expect(xml).toContain("<ip address='10.0.0.1'>\n  </ip>");
    expect(xml).not.toContain('dhcp');
  });

  it('writes virtualport parameters in libvirt order, only those of the type', () => {
    const xml = roundTrip(
      "<network><name>v</name><forward mode='vepa'><interface dev='e'/></forward><virtualport type='802.1Qbg'><parameters instanceid='09B11C53-8B5C-4EEB-8F00-D84EAA0AAA4F' typeid='0x10' managerid='1' profileid='p'/></virtualport></network>",
    );
    expect(xml).toContain(
      "<parameters managerid='1' typeid='16' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/>",
    );
  });

  it('escapes text and attribute values and drops control characters', () => {
    const xml = formatNetworkXml({
      name: `a"b'c<d>&e\u0001`,
      ips: [],
      routes: [],
      portgroups: [],
      forward: { mode: 'bridge', interfaces: [], pf: [], addresses: [] },
      bridge: { name: "br'0" },
    });
    expect(xml).toContain('<name>a&quot;b&apos;c&lt;d&gt;&amp;e</name>');
    expect(xml).toContain("<bridge name='br&apos;0'/>");
  });

  it('writes tab, newline and CR in attributes as character references, so they read back unchanged', () => {
    const def: NetworkDef = {
      name: 'lab',
      ips: [],
      routes: [],
      portgroups: [],
      description: 'line one\nline two',
      dns: { forwarders: [], hosts: [], srvs: [], txts: [{ name: 'a\nb', value: 'x\ty\r\nz' }] },
    };
    const xml = formatNetworkXml(def);
    expect(xml).toContain("<txt name='a&#10;b' value='x&#9;y&#13;&#10;z'/>");
    expect(xml).toContain('<description>line one\nline two</description>');
    expect(parse(xml).dns?.txts).toEqual(def.dns?.txts);
    expect(parse(xml).description).toBe(def.description);
  });

  it('re-indents metadata as libxml2 does', () => {
    const xml = roundTrip(
      '<network><name>m</name><metadata><a:x xmlns:a="urn:a"><a:y k=\'1\'>t</a:y>   <a:z/></a:x></metadata></network>',
    );
    expect(xml).toContain(
      '  <metadata>\n    <a:x xmlns:a="urn:a">\n      <a:y k="1">t</a:y>\n      <a:z/>\n    </a:x>\n  </metadata>\n',
    );
  });
});

describe('formatNetworkXml: live XML', () => {
  const def = parse(
    "<network connections='4'><name>l</name><forward mode='bridge'><interface dev='eth0' connections='3'/><interface dev='eth1'/></forward></network>",
  );

  it('adds connections only when asked', () => {
    expect(formatNetworkXml(def)).not.toContain('connections');
    const live = formatNetworkXml(def, { live: true });
    expect(live).toMatch(/^<network connections='4'>/);
    expect(live).toContain("<interface dev='eth0' connections='3'/>");
    expect(live).toContain("<interface dev='eth1'/>");
  });
});
