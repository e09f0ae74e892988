import { describe, expect, it } from 'vitest';
import type { IpDef, NetworkDef } from '../model/network';
import { buildDnsmasqConfig, type DnsmasqPaths } from './config';

const HEADER = (name: string): string =>
  '##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n' +
  '##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n' +
  `##    virsh net-edit ${name}\n` +
  '## or other application using the libvirt API.\n' +
  '##\n' +
  '## dnsmasq conf file created by libvirt\n' +
  'strict-order\n';

function net(over: Partial<NetworkDef>): NetworkDef {
  return {
    name: 'default',
    ips: [],
    routes: [],
    portgroups: [],
    forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
    ...over,
  };
}

const paths = (name = 'default', bridge = 'virbr0'): DnsmasqPaths => ({
  pidFile: `/run/libvirt/network/${name}.pid`,
  hostsFile: `/var/lib/libvirt/dnsmasq/${name}.hostsfile`,
  addnHostsFile: `/var/lib/libvirt/dnsmasq/${name}.addnhosts`,
  bridge,
});

const v4 = (over: Partial<IpDef> = {}): IpDef => ({
  address: '192.168.122.1',
  netmask: '255.255.255.0',
  ...over,
});

const range = (start: string, end: string) => ({ start, end });
const dhcp = (over: Partial<NonNullable<IpDef['dhcp']>> = {}): NonNullable<IpDef['dhcp']> => ({
  ranges: [],
  hosts: [],
  ...over,
});

/** The lines after the fixed bind lines, for tests that look at one option. */
function body(def: NetworkDef, p = paths()): string[] {
  return buildDnsmasqConfig(def, p).split('\n').slice(7, -1);
}

describe('buildDnsmasqConfig: whole files as libvirt 9.0 writes them', () => {
  it('writes an isolated network with a DHCP range (isolated-network)', () => {
    const def = net({
      name: 'private',
      forward: undefined,
      ips: [
        v4({ address: '192.168.152.1', dhcp: dhcp({ ranges: [range('192.168.152.2', '192.168.152.254')] }) }),
      ],
    });
    expect(buildDnsmasqConfig(def, paths('private', 'virbr2'))).toBe(
      HEADER('private') +
        'pid-file=/run/libvirt/network/private.pid\n' +
        'except-interface=lo\n' +
        'bind-dynamic\n' +
        'interface=virbr2\n' +
        'dhcp-option=3\n' +
        'no-resolv\n' +
        'ra-param=*,0,0\n' +
        'dhcp-range=192.168.152.2,192.168.152.254,255.255.255.0\n' +
        'dhcp-no-override\n' +
        'dhcp-authoritative\n' +
        'dhcp-lease-max=253\n' +
        'dhcp-hostsfile=/var/lib/libvirt/dnsmasq/private.hostsfile\n' +
        'addn-hosts=/var/lib/libvirt/dnsmasq/private.addnhosts\n',
    );
  });

  it('writes static-only DHCP for IPv4 and IPv6 with enable-ra (dhcp6host-routed-network)', () => {
    const def = net({
      name: 'local',
      forward: { mode: 'route', dev: 'eth1', interfaces: [], pf: [], addresses: [] },
      ips: [
        v4({ dhcp: dhcp({ hosts: [{ mac: '00:16:3e:77:e2:ed', name: 'a', ip: '192.168.122.10' }] }) }),
        {
          family: 'ipv6',
          address: '2001:db8:ac10:fd01::1',
          prefix: 64,
          dhcp: dhcp({ hosts: [{ name: 'paul', ip: '2001:db8:ac10:fd01::1:21' }] }),
        },
      ],
    });
    expect(buildDnsmasqConfig(def, paths('local', 'virbr1'))).toBe(
      HEADER('local') +
        'pid-file=/run/libvirt/network/local.pid\n' +
        'except-interface=lo\n' +
        'bind-dynamic\n' +
        'interface=virbr1\n' +
        'dhcp-range=192.168.122.1,static\n' +
        'dhcp-no-override\n' +
        'dhcp-authoritative\n' +
        'dhcp-range=2001:db8:ac10:fd01::1,static,64\n' +
        'dhcp-hostsfile=/var/lib/libvirt/dnsmasq/local.hostsfile\n' +
        'addn-hosts=/var/lib/libvirt/dnsmasq/local.addnhosts\n' +
        'enable-ra\n',
    );
  });

  it('uses the raw name in the header and the given (escaped) paths elsewhere', () => {
    const conf = buildDnsmasqConfig(net({ name: 'a"b', ips: [v4()] }), paths('a&quot;b'));
    expect(conf).toContain('##    virsh net-edit a"b\n');
    expect(conf).toContain('pid-file=/run/libvirt/network/a&quot;b.pid\n');
    expect(conf).toContain('addn-hosts=/var/lib/libvirt/dnsmasq/a&quot;b.addnhosts\n');
  });
});

describe('buildDnsmasqConfig: DNS options', () => {
  it('writes forwarders, "#" for a domain without address, and no-resolv', () => {
    const def = net({
      ips: [v4()],
      dns: {
        forwarders: [
          { addr: '8.8.8.8' },
          { domain: 'example.com', addr: '192.168.1.1' },
          { domain: 'www.example.com' },
        ],
        txts: [],
        hosts: [],
        srvs: [],
      },
    });
    const lines = buildDnsmasqConfig(def, paths()).split('\n');
    expect(lines.slice(6, 11)).toEqual([
      'strict-order',
      'server=8.8.8.8',
      'server=/example.com/192.168.1.1',
      'server=/www.example.com/#',
      'no-resolv',
    ]);
  });

  it('leaves out no-resolv when every forwarder is limited to a domain', () => {
    const def = net({
      ips: [v4()],
      dns: { forwarders: [{ domain: 'lab', addr: '10.0.0.1' }], txts: [], hosts: [], srvs: [] },
    });
    const conf = buildDnsmasqConfig(def, paths());
    expect(conf).toContain('server=/lab/10.0.0.1\n');
    expect(conf).not.toContain('no-resolv');
  });

  it('normalises forwarder addresses as inet_ntop does', () => {
    const def = net({
      ips: [v4()],
      dns: { forwarders: [{ addr: '2001:DB8:0:0:0:0:0:53' }], txts: [], hosts: [], srvs: [] },
    });
    expect(buildDnsmasqConfig(def, paths())).toContain('server=2001:db8::53\n');
  });

  it('writes domain, expand-hosts, local=/domain/ when localOnly, then domain-needed', () => {
    const def = net({
      ips: [v4()],
      domain: { name: 'example.com', localOnly: 'yes' },
      dns: { forwardPlainNames: 'no', forwarders: [], txts: [], hosts: [], srvs: [] },
    });
    expect(buildDnsmasqConfig(def, paths()).split('\n').slice(7, 13)).toEqual([
      'local=/example.com/',
      'domain=example.com',
      'expand-hosts',
      'domain-needed',
      'local=//',
      'pid-file=/run/libvirt/network/default.pid',
    ]);
  });

  it('writes domain= without local= when localOnly is not yes', () => {
    const conf = buildDnsmasqConfig(net({ ips: [v4()], domain: { name: 'lab', localOnly: 'no' } }), paths());
    expect(conf).toContain('domain=lab\nexpand-hosts\n');
    expect(conf).not.toContain('local=');
  });

  it('writes local= PTR zones for localPtr addresses, IPv4 then IPv6 in <ip> order', () => {
    const def = net({
      ips: [
        v4({ localPtr: 'yes' }),
        v4({ address: '192.168.123.1', localPtr: 'no' }),
        { family: 'ipv6', address: '2001:db8:ac10:fe01::1', prefix: 64, localPtr: 'yes' },
      ],
    });
    const lines = buildDnsmasqConfig(def, paths()).split('\n');
    expect(lines.slice(7, 9)).toEqual([
      'local=/122.168.192.in-addr.arpa/',
      'local=/1.0.e.f.0.1.c.a.8.b.d.0.1.0.0.2.ip6.arpa/',
    ]);
  });

  it('refuses localPtr on a prefix that is not a multiple of 8 (IPv4)', () => {
    const def = net({ ips: [v4({ netmask: '255.255.254.0', localPtr: 'yes' })] });
    expect(() => buildDnsmasqConfig(def, paths())).toThrow(/PTR domain for IPv4 network with prefix 23/);
  });

  it('writes txt-record and srv-host lines with positional defaults', () => {
    const def = net({
      ips: [v4()],
      dns: {
        forwarders: [],
        hosts: [],
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
          {
            service: 'name2',
            protocol: 'udp',
            target: 'test2.example.com',
            port: 2222,
            priority: 22,
            weight: 222,
          },
          { service: 'name3', protocol: 'tcp', domain: 'test3.com', target: 't3', port: 3333, priority: 33 },
          { service: 'name4', protocol: 'tcp', domain: 'test4.com', target: 't4', port: 4444 },
          { service: 'name5', protocol: 'udp', target: 't5', priority: 55, weight: 555 },
          { service: 'name6', protocol: 'tcp', target: 't6', port: 6666, weight: 666 },
          { service: 'name7', protocol: 'tcp', target: 't7', weight: 777 },
          { service: 'min', protocol: 'tcp' },
          { service: 's', protocol: 'sctpx', target: 't', port: 80 },
        ],
      },
    });
    expect(body(def).slice(4, 14)).toEqual([
      'txt-record=example,example value',
      'srv-host=_name._tcp.test-domain-name',
      'srv-host=_name2._udp,test2.example.com,2222,22,222',
      'srv-host=_name3._tcp.test3.com,t3,3333,33',
      'srv-host=_name4._tcp.test4.com,t4,4444',
      'srv-host=_name5._udp,t5,1,55,555',
      'srv-host=_name6._tcp,t6,6666,0,666',
      'srv-host=_name7._tcp,t7,1,0,777',
      'srv-host=_min._tcp',
      'srv-host=_s._sctpx,t,80',
    ]);
  });

  it('with DNS disabled writes port=0 and drops every DNS-only option', () => {
    const def = net({
      ips: [v4({ localPtr: 'yes', dhcp: dhcp({ ranges: [range('192.168.122.2', '192.168.122.9')] }) })],
      domain: { name: 'lab' },
      dns: {
        enable: 'no',
        forwardPlainNames: 'no',
        forwarders: [{ addr: '8.8.8.8' }],
        txts: [{ name: 't', value: 'v' }],
        hosts: [{ ip: '192.168.122.5', hostnames: ['h'] }],
        srvs: [{ service: 's', protocol: 'tcp' }],
      },
    });
    const conf = buildDnsmasqConfig(def, paths());
    expect(conf.split('\n')[7]).toBe('port=0');
    // The domain still names DHCP clients, as in libvirt.
    expect(conf).toContain('domain=lab\n');
    for (const gone of [
      'server=',
      'no-resolv',
      'local=',
      'domain-needed',
      'txt-record',
      'srv-host',
      'addn-hosts',
    ]) {
      expect(conf).not.toContain(gone);
    }
    expect(conf).toContain('dhcp-hostsfile=');
  });
});

describe('buildDnsmasqConfig: network kinds', () => {
  it('adds dhcp-option=3, no-resolv and ra-param only to isolated networks', () => {
    for (const mode of ['nat', 'route', 'open'] as const) {
      const conf = buildDnsmasqConfig(
        net({ forward: { mode, interfaces: [], pf: [], addresses: [] }, ips: [v4()] }),
        paths(),
      );
      expect(conf).not.toMatch(/dhcp-option=3|no-resolv|ra-param/);
    }
    const isolated = buildDnsmasqConfig(net({ forward: undefined, ips: [v4()] }), paths());
    expect(isolated).toContain('interface=virbr0\ndhcp-option=3\nno-resolv\nra-param=*,0,0\n');
  });
});
