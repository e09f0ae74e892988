import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from './parse-network';

const fixture = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function parse(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

function errors(xml: string): string[] {
  const r = parseNetworkXml(xml);
  return r.ok ? [] : r.errors.map((e) => `${e.element}: ${e.message}`);
}

const net = (body: string, attrs = ''): string => `<network${attrs}><name>n</name>${body}</network>`;

describe('parseNetworkXml: every element of the format page', () => {
  const def = parse(fixture('full-nat.xml'));

  it('reads the general metadata', () => {
    expect(def).toMatchObject({
      name: 'full',
      uuid: '3e3fce45-4f53-4fa7-bb32-11f34168b82b',
      ipv6: 'yes',
      trustGuestRxFilters: 'no',
      title: 'Full network',
      description: 'Every element & attribute',
    });
    expect(def.metadata).toContain('<app:owner>me</app:owner>');
  });

  it('reads forward with nat addresses, ports and the interface pool', () => {
    expect(def.forward).toEqual({
      mode: 'nat',
      dev: 'eth0',
      nat: {
        ipv6: 'yes',
        addresses: [{ start: '1.2.3.4', end: '1.2.3.10' }],
        port: { start: 500, end: 1000 },
      },
      interfaces: [{ dev: 'eth0' }],
      pf: [],
      addresses: [],
    });
  });

  it('reads bridge, mtu, mac, domain and port', () => {
    expect(def.bridge).toEqual({
      name: 'virbr5',
      zone: 'trusted',
      stp: 'no',
      delay: 5,
      macTableManager: 'libvirt',
    });
    expect(def.mtu).toBe(9000);
    expect(def.mac).toBe('52:54:00:1c:da:2f');
    expect(def.domain).toEqual({ name: 'example.com', localOnly: 'yes' });
    expect(def.portIsolated).toBe('yes');
  });

  it('reads dns forwarders, txt, srv and host records', () => {
    expect(def.dns).toEqual({
      enable: 'yes',
      forwardPlainNames: 'no',
      forwarders: [{ domain: 'example.com', addr: '8.8.8.8' }, { addr: '2001:4860:4860::8888' }],
      txts: [{ name: 'example', value: 'example value' }],
      srvs: [
        {
          service: 'name',
          protocol: 'tcp',
          domain: 'test-domain-name',
          target: '.',
          port: 1024,
          priority: 10,
          weight: 10,
        },
      ],
      hosts: [{ ip: '192.168.122.2', hostnames: ['myhost', 'myhostalias'] }],
    });
  });

  it('reads bandwidth', () => {
    expect(def.bandwidth).toEqual({
      inbound: { average: 1000, peak: 5000, burst: 5120 },
      outbound: { average: 128, peak: 256, burst: 256 },
    });
  });

  it('reads ip with tftp, dhcp ranges, hosts, leases and bootp', () => {
    expect(def.ips[0]).toEqual({
      address: '192.168.122.1',
      netmask: '255.255.255.0',
      localPtr: 'yes',
      tftp: { root: '/srv/tftp' },
      dhcp: {
        ranges: [{ start: '192.168.122.100', end: '192.168.122.254', lease: { expiry: 1, unit: 'hours' } }],
        hosts: [
          { mac: '00:16:3e:77:e2:ed', name: 'foo.example.com', ip: '192.168.122.10' },
          { mac: '00:16:3e:3e:a9:1a', name: 'bar.example.com', ip: '192.168.122.11', lease: { expiry: 0 } },
        ],
        bootp: { file: 'pxelinux.0', server: '192.168.122.1' },
      },
    });
    expect(def.ips[1]?.family).toBe('ipv6');
    expect(def.ips[1]?.prefix).toBe(64);
    expect(def.ips[1]?.dhcp?.hosts[0]).toEqual({
      id: '0:3:0:1:0:16:3e:11:22:33',
      name: 'ralph',
      ip: '2001:db8:ca2:2:3::3',
    });
  });

  it('reads routes and portgroups', () => {
    expect(def.routes).toEqual([
      { address: '192.168.222.0', prefix: 24, gateway: '192.168.122.2', metric: 2 },
      { family: 'ipv6', address: '2001:db8:ca2:3::', prefix: 64, gateway: '2001:db8:ca2:2::2' },
    ]);
    expect(def.portgroups[0]).toMatchObject({ name: 'engineering', default: 'yes' });
    expect(def.portgroups[0]?.bandwidth?.inbound?.average).toBe(1000);
  });

  it('reads hostdev pools, driver, vlan and virtualport', () => {
    const hd = parse(fixture('hostdev.xml'));
    expect(hd.forward).toMatchObject({ mode: 'hostdev', managed: 'yes', driver: { name: 'vfio' } });
    expect(hd.forward?.addresses).toEqual([
      { type: 'pci', domain: 0, bus: 4, slot: 0, function: 1 },
      { type: 'pci', domain: 0, bus: 4, slot: 0, function: 2 },
    ]);
    expect(hd.vlan).toEqual({ trunk: 'yes', tags: [{ id: 42, nativeMode: 'untagged' }, { id: 47 }] });
    expect(hd.virtualport).toEqual({ type: '802.1Qbh', parameters: [['profileid', 'test']] });
    expect(hd.portgroups[0]).toMatchObject({
      name: 'sales',
      trustGuestRxFilters: 'yes',
      vlan: { tags: [{ id: 10 }] },
    });
  });

  it('reads a pf pool', () => {
    expect(parse(fixture('passthrough-pf.xml')).forward).toEqual({
      mode: 'passthrough',
      interfaces: [],
      pf: [{ dev: 'eth0' }],
      addresses: [],
    });
  });
});

describe('parseNetworkXml: libvirt normalisation', () => {
  it('fills forward mode nat and turns a lone dev into the pool', () => {
    const def = parse(net("<forward dev='eth1'/><ip address='10.0.0.1' prefix='24'/>"));
    expect(def.forward).toEqual({
      mode: 'nat',
      dev: 'eth1',
      interfaces: [{ dev: 'eth1' }],
      pf: [],
      addresses: [],
    });
  });

  it('takes dev from the first interface when forward has none', () => {
    expect(parse(net("<forward mode='bridge'><interface dev='eth10'/></forward>")).forward?.dev).toBe(
      'eth10',
    );
  });

  it('drops a pf listed beside interfaces, as libvirt 9.0 does', () => {
    const def = parse(net("<forward mode='passthrough'><pf dev='eth2'/><interface dev='eth3'/></forward>"));
    expect(def.forward?.pf).toEqual([]);
    expect(def.forward?.interfaces).toEqual([{ dev: 'eth3' }]);
  });

  it('lower-cases the bridge MAC, canonicalises addresses and the uuid', () => {
    const def = parse(
      net(
        "<uuid>3E3FCE454F534FA7BB3211F34168B82B</uuid><mac address='52:54:00:AB:CD:EF'/><ip family='ipv6' address='2001:0db8:0000:0000::1' prefix='64'/>",
      ),
    );
    expect(def.mac).toBe('52:54:00:ab:cd:ef');
    expect(def.uuid).toBe('3e3fce45-4f53-4fa7-bb32-11f34168b82b');
    expect(def.ips[0]?.address).toBe('2001:db8::1');
  });

  it('treats any stp but off as on, and drops <domain/> without a name', () => {
    const def = parse(net("<bridge stp='maybe'/><domain/>"));
    expect(def.bridge?.stp).toBe('yes');
    expect(def.domain).toBeUndefined();
  });

  it('ignores unknown elements and a bootp without file, and keeps the forwarder port', () => {
    const def = parse(
      net(
        "<bogus/><dns><forwarder addr='8.8.8.8' port='53'/></dns><ip address='10.0.0.1'><dhcp><bootp/></dhcp></ip>",
      ),
    );
    expect(def.dns?.forwarders).toEqual([{ addr: '8.8.8.8', port: 53 }]);
    expect(def.ips[0]?.dhcp?.bootp).toBeUndefined();
  });

  it('keeps metadata verbatim', () => {
    const inner = '\n  <x:a xmlns:x="urn:x" b="1">t &amp; u</x:a>\n';
    expect(parse(net(`<metadata>${inner}</metadata>`)).metadata).toBe(inner);
  });

  it('keeps the live connections counts', () => {
    const def = parse(
      net("<forward mode='bridge'><interface dev='eth0' connections='3'/></forward>", " connections='5'"),
    );
    expect(def.connections).toBe(5);
    expect(def.forward?.interfaces[0]?.connections).toBe(3);
  });
});

describe('parseNetworkXml: errors name the element and the problem', () => {
  it.each([
    ['not well-formed', '<network><name>n</name>', /document: XML is not well-formed at line 1/],
    ['wrong root', '<domain/>', /expecting root element of 'network', not 'domain'/],
    ['missing name', '<network/>', /network\/name: missing name information/],
    ['bad uuid', net('<uuid>zzz</uuid>'), /network\/uuid: malformed uuid element 'zzz'/],
    ['unknown mode', net("<forward mode='bogus'/>"), /network\/forward: unknown forwarding type 'bogus'/],
    [
      'bad driver',
      net("<forward mode='hostdev'><driver name='xen'/></forward>"),
      /Unknown forward <driver name='xen'\/>/,
    ],
    ['two nat', net('<forward><nat/><nat/></forward>'), /Only one <nat> element/],
    [
      'nat port missing end',
      net("<forward><nat><port start='1'/></nat></forward>"),
      /Missing or invalid 'end' attribute in <port>/,
    ],
    [
      'pf without dev',
      net("<forward mode='passthrough'><pf/></forward>"),
      /Missing required dev attribute in <pf>/,
    ],
    [
      'interface without dev',
      net("<forward mode='bridge'><interface/></forward>"),
      /Missing required dev attribute in <forward> <interface>/,
    ],
    [
      'bad pci type',
      net("<forward mode='hostdev'><address type='usb'/></forward>"),
      /unknown address type 'usb'/,
    ],
    [
      'bad pci value',
      net("<forward mode='hostdev'><address type='pci' bus='zz'/></forward>"),
      /Cannot parse <address> 'bus'/,
    ],
    ['bad delay', net("<bridge delay='x'/>"), /network\/bridge: Invalid delay value in network 'n'/],
    ['bad macTableManager', net("<bridge macTableManager='x'/>"), /Invalid macTableManager setting 'x'/],
    ['bad mtu', net("<mtu size='abc'/>"), /Invalid mtu size 'abc'/],
    ['bad ipv6 attr', net('', " ipv6='maybe'"), /Invalid ipv6 setting 'maybe'/],
    ['bad localOnly', net("<domain name='d' localOnly='x'/>"), /Invalid domain localOnly setting 'x'/],
    ['bad dns enable', net("<dns enable='x'/>"), /Invalid dns enable setting 'x'/],
    [
      'dns host without ip',
      net('<dns><host><hostname>a</hostname></host></dns>'),
      /Missing IP address in network 'n' DNS HOST record/,
    ],
    ['srv without service', net("<dns><srv protocol='tcp'/></dns>"), /missing required service attribute/],
    ['srv without protocol', net("<dns><srv service='s'/></dns>"), /missing required protocol attribute/],
    [
      'srv bad port',
      net("<dns><srv service='s' protocol='tcp' port='x'/></dns>"),
      /invalid DNS SRV port attribute/,
    ],
    ['txt without name', net("<dns><txt value='v'/></dns>"), /missing required name attribute in DNS TXT/],
    [
      'txt without value',
      net("<dns><txt name='t'/></dns>"),
      /missing required value attribute in DNS TXT record named 't'/,
    ],
    ['bad family', net("<ip family='ipv5' address='1.2.3.4'/>"), /Unrecognized family 'ipv5'/],
    ['bad prefix', net("<ip address='1.2.3.4' prefix='x'/>"), /Invalid ULong value specified for prefix/],
    [
      'range without end',
      net("<ip address='1.2.3.4'><dhcp><range start='1.2.3.5'/></dhcp></ip>"),
      /Missing 'end' attribute in dhcp range/,
    ],
    [
      'bad lease unit',
      net(
        "<ip address='1.2.3.4'><dhcp><range start='1.2.3.5' end='1.2.3.6'><lease expiry='1' unit='days'/></range></dhcp></ip>",
      ),
      /ip\/dhcp\/range\/lease: Invalid value for attribute 'unit' in element 'lease': 'days'/,
    ],
    [
      'bad lease expiry',
      net("<ip address='1.2.3.4'><dhcp><host name='a' ip='1.2.3.5'><lease expiry='-1'/></host></dhcp></ip>"),
      /attribute 'expiry'/,
    ],
    [
      'route without address',
      net("<route gateway='1.2.3.4'/>"),
      /n: Missing required address attribute in route definition/,
    ],
    [
      'route without gateway',
      net("<route address='1.2.3.0'/>"),
      /n: Missing required gateway attribute in route definition/,
    ],
    [
      'route bad metric',
      net("<route address='1.2.3.0' gateway='1.2.3.4' metric='x'/>"),
      /Invalid metric specified in route definition/,
    ],
    ['bad vlan tag', net("<vlan><tag id='x'/></vlan>"), /missing or invalid vlan tag id attribute/],
    ['vlan tag without id', net('<vlan><tag/></vlan>'), /missing or invalid vlan tag id attribute/],
    ['bad nativeMode', net("<vlan><tag id='1' nativeMode='x'/></vlan>"), /nativeMode='x'" is invalid/],
    ['bad trunk', net("<vlan trunk='x'><tag id='1'/></vlan>"), /invalid "trunk='x'" in <vlan>/],
    [
      'bad bandwidth',
      net("<bandwidth><inbound average='fast'/></bandwidth>"),
      /network\/bandwidth\/inbound: Invalid value for attribute 'average'/,
    ],
    [
      'two inbound',
      net("<bandwidth><inbound average='1'/><inbound average='2'/></bandwidth>"),
      /Only one child <inbound>/,
    ],
    ['portgroup without name', net('<portgroup/>'), /Missing required name attribute in portgroup/],
    ['bad port isolated', net("<port isolated='x'/>"), /attribute 'isolated'/],
  ])('%s', (_what, xml, pattern) => {
    const found = errors(xml);
    expect(
      found.some((e) => pattern.test(e)),
      found.join('\n'),
    ).toBe(true);
  });

  it('reports the line of the offending element', () => {
    const r = parseNetworkXml("<network>\n  <name>n</name>\n  <mtu size='x'/>\n</network>");
    expect(r.ok ? [] : r.errors.map((e) => e.line)).toEqual([3]);
  });
});
