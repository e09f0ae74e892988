import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from '../xml/parse-network';
import { readNetworkDefinition } from './read-definition';
import { validateNetworkDef } from './validate-network';

function def(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

const messages = (xml: string): string[] =>
  validateNetworkDef(def(xml)).map((e) => `${e.element}: ${e.message}`);
const IP = "<ip address='192.168.150.1' netmask='255.255.255.0'>";
const nat = (body: string, name = 'n'): string =>
  `<network><name>${name}</name><forward mode='nat'/>${body}</network>`;
const withIp = (inner: string): string => nat(`${IP}${inner}</ip>`);
const dhcp = (inner: string): string => withIp(`<dhcp>${inner}</dhcp>`);
const mode = (m: string, body: string, after = ''): string =>
  `<network><name>n</name><forward mode='${m}'>${body}</forward>${after}</network>`;

describe('validateNetworkDef: accepted definitions', () => {
  it.each([
    ['a NAT network', dhcp("<range start='192.168.150.2' end='192.168.150.254'/>")],
    ['an isolated network', `<network><name>iso</name>${IP}</ip></network>`],
    ['a host bridge', "<network><name>hb</name><forward mode='bridge'/><bridge name='br0'/></network>"],
    ['a hostdev pool', mode('hostdev', "<address type='pci' bus='4' slot='0' function='1'/>")],
    [
      'a DHCP host outside the subnet (libvirt accepts it)',
      dhcp("<host mac='52:54:00:10:20:30' name='far' ip='10.99.99.99'/>"),
    ],
    [
      'a duplicate DHCP host MAC (libvirt accepts it)',
      dhcp(
        "<host mac='52:54:00:10:20:31' name='a' ip='192.168.150.5'/><host mac='52:54:00:10:20:31' name='b' ip='192.168.150.6'/>",
      ),
    ],
    [
      'an IPv6 range within its /64',
      nat(
        "<ip family='ipv6' address='2001:db8::1' prefix='64'><dhcp><range start='2001:db8::10' end='2001:db8::ff'/></dhcp></ip>",
      ),
    ],
    ['a reachable route', nat(`${IP}</ip><route address='10.30.0.0' prefix='16' gateway='192.168.150.5'/>`)],
    [
      'a vlan on a hostdev network',
      "<network><name>n</name><forward mode='hostdev'><pf dev='eth2'/></forward><vlan><tag id='10'/></vlan></network>",
    ],
    [
      'a vlan on an Open vSwitch bridge',
      "<network><name>n</name><forward mode='bridge'/><bridge name='ovs0'/><vlan><tag id='10'/></vlan><virtualport type='openvswitch'/></network>",
    ],
  ])('%s', (_what, xml) => {
    expect(messages(xml)).toEqual([]);
  });
});

describe('validateNetworkDef: libvirt rules and messages', () => {
  it.each([
    // names and top level
    ['name with /', nat(IP + '</ip>', 'a/b'), /network\/name: invalid char in name: \//],
    ['name with newline', nat(IP + '</ip>', 'a\nb'), /invalid char in name: a newline/],
    ['title with newline', nat(`<title>a\nb</title>${IP}</ip>`), /Network title can't contain newlines/],
    [
      'bad MAC',
      nat(`<mac address='zz:zz'/>${IP}</ip>`),
      /network\/mac: Invalid bridge mac address 'zz:zz' in network 'n'/,
    ],
    [
      'multicast MAC',
      nat(`<mac address='01:00:5e:00:00:01'/>${IP}</ip>`),
      /Invalid multicast bridge mac address '01:00:5e:00:00:01'/,
    ],
    // ip
    ['missing address', nat('<ip/>'), /Missing required address attribute in network 'n'/],
    ['bad address', nat("<ip address='999.1.1.1'/>"), /Invalid address '999.1.1.1' in network 'n'/],
    ['bad netmask', nat("<ip address='10.0.0.1' netmask='x'/>"), /Invalid netmask 'x'/],
    [
      'IPv6 netmask on IPv4',
      nat("<ip address='10.0.0.1' netmask='ffff::'/>"),
      /Invalid netmask 'ffff::' for address '10.0.0.1' in network 'n' \(both must be IPv4\)/,
    ],
    [
      'netmask and prefix',
      nat("<ip address='10.0.0.1' netmask='255.0.0.0' prefix='8'/>"),
      /cannot have both a prefix and a netmask/,
    ],
    ['IPv4 prefix 33', nat("<ip address='10.0.0.1' prefix='33'/>"), /Invalid IPv4 prefix '33'/],
    [
      'IPv6 prefix 129',
      nat("<ip family='ipv6' address='2001:db8::1' prefix='129'/>"),
      /Invalid IPv6 prefix '129'/,
    ],
    [
      'IPv6 without family',
      nat("<ip address='2001:db8::1' prefix='64'/>"),
      /no family specified for non-IPv4 address '2001:db8::1'/,
    ],
    [
      'ipv4 family, IPv6 address',
      nat("<ip family='ipv4' address='2001:db8::1'/>"),
      /ipv4 family specified for non-IPv4 address/,
    ],
    [
      'ipv6 family, IPv4 address',
      nat("<ip family='ipv6' address='10.0.0.1'/>"),
      /Family 'ipv6' specified for non-IPv6 address '10.0.0.1'/,
    ],
    [
      'IPv6 netmask',
      nat("<ip family='ipv6' address='2001:db8::1' netmask='ffff::'/>"),
      /netmask not allowed for IPv6 address '2001:db8::1'/,
    ],
    [
      'tftp on IPv6',
      nat(`${IP}</ip><ip family='ipv6' address='2001:db8::1' prefix='64'><tftp root='/t'/></ip>`),
      /Unsupported <tftp> element in an IPv6 element/,
    ],
    // dhcp ranges
    [
      'range outside',
      dhcp("<range start='192.168.151.2' end='192.168.151.254'/>"),
      /range 192.168.151.2 - 192.168.151.254 is not entirely within network 192.168.150.1\/24/,
    ],
    [
      'range reversed',
      dhcp("<range start='192.168.150.200' end='192.168.150.100'/>"),
      /range 192.168.150.200 - 192.168.150.100 is reversed/,
    ],
    [
      'range family',
      dhcp("<range start='2001:db8::10' end='2001:db8::20'/>"),
      /mismatch of address family in range 2001:db8::10 - 2001:db8::20 for network 192.168.150.1/,
    ],
    [
      'range mixed families',
      dhcp("<range start='192.168.150.2' end='2001:db8::20'/>"),
      /mismatch of address family in range 192.168.150.2 - 2001:db8::20/,
    ],
    [
      'range at network address',
      dhcp("<range start='192.168.150.0' end='192.168.150.100'/>"),
      /start of range 192.168.150.0 - 192.168.150.100 in network 192.168.150.1\/24 is the network address/,
    ],
    [
      'range at broadcast',
      dhcp("<range start='192.168.150.100' end='192.168.150.255'/>"),
      /end of range 192.168.150.100 - 192.168.150.255 in network 192.168.150.1\/24 is the broadcast address/,
    ],
    [
      'range too large',
      nat("<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.2.0.1'/></dhcp></ip>"),
      /range 10.0.0.2 - 10.2.0.1 is too large \(> 65535\)/,
    ],
    [
      'range bad address',
      dhcp("<range start='x' end='192.168.150.9'/>"),
      /Invalid address 'x' in dhcp range/,
    ],
    [
      'range with non-contiguous netmask',
      nat(
        "<ip address='192.168.150.1' netmask='255.0.255.0'><dhcp><range start='192.168.150.2' end='192.168.150.9'/></dhcp></ip>",
      ),
      /bad prefix for network 192.168.150.1/,
    ],
    [
      'IPv6 range outside',
      nat(
        "<ip family='ipv6' address='2001:db8:150::1' prefix='64'><dhcp><range start='2001:db8:151::10' end='2001:db8:151::20'/></dhcp></ip>",
      ),
      /range 2001:db8:151::10 - 2001:db8:151::20 is not entirely within network 2001:db8:150::1\/64/,
    ],
    [
      'two IPv4 dhcp',
      nat(
        `${IP}<dhcp><range start='192.168.150.2' end='192.168.150.9'/></dhcp></ip><ip address='10.0.0.1' prefix='24'><dhcp><host name='h' ip='10.0.0.5'/></dhcp></ip>`,
      ),
      /Multiple IPv4 dhcp sections found/,
    ],
    [
      'two IPv6 dhcp',
      nat(
        "<ip family='ipv6' address='2001:db8:1::1' prefix='64'><dhcp><range start='2001:db8:1::10' end='2001:db8:1::20'/></dhcp></ip><ip family='ipv6' address='2001:db8:2::1' prefix='64'><dhcp><range start='2001:db8:2::10' end='2001:db8:2::20'/></dhcp></ip>",
      ),
      /Multiple IPv6 dhcp sections found/,
    ],
    // dhcp hosts
    [
      'IPv6 host with MAC',
      nat(
        "<ip family='ipv6' address='2001:db8::1' prefix='64'><dhcp><host mac='52:54:00:aa:bb:cc' name='h' ip='2001:db8::20'/></dhcp></ip>",
      ),
      /Invalid to specify MAC address '52:54:00:aa:bb:cc' in network 'n' IPv6 static host definition/,
    ],
    [
      'host bad MAC',
      dhcp("<host mac='nope' name='h' ip='192.168.150.5'/>"),
      /Cannot parse MAC address 'nope'/,
    ],
    [
      'host multicast MAC',
      dhcp("<host mac='01:00:5e:11:22:33' name='h' ip='192.168.150.5'/>"),
      /expected unicast mac address, found multicast '01:00:5e:11:22:33'/,
    ],
    [
      'host bad id',
      nat(
        "<ip family='ipv6' address='2001:db8::1' prefix='64'><dhcp><host id='0:1:zz' ip='2001:db8::20'/></dhcp></ip>",
      ),
      /Invalid character 'z' in id '0:1:zz'/,
    ],
    [
      'host name not a letter first',
      dhcp("<host mac='52:54:00:00:00:01' name='1abc' ip='192.168.150.5'/>"),
      /Cannot use host name '1abc'/,
    ],
    [
      'host bad ip',
      dhcp("<host name='h' ip='300.1.1.1'/>"),
      /Invalid IP address '300.1.1.1' in static host definition/,
    ],
    [
      'IPv4 host without mac or name',
      dhcp("<host ip='192.168.150.5'/>"),
      /Static host definition in IPv4 network 'n' must have mac or name attribute/,
    ],
    [
      'IPv6 host without id or name',
      nat("<ip family='ipv6' address='2001:db8::1' prefix='64'><dhcp><host ip='2001:db8::20'/></dhcp></ip>"),
      /must have id or name attribute/,
    ],
    ['host without ip', dhcp("<host name='h'/>"), /Missing IP address in static host definition/],
    [
      'bad bootp server',
      dhcp("<range start='192.168.150.2' end='192.168.150.9'/><bootp file='f' server='x'/>"),
      /Invalid bootp server address 'x'/,
    ],
    // routes
    [
      'route bad address',
      nat(`${IP}</ip><route address='x' prefix='16' gateway='192.168.150.5'/>`),
      /n: Bad network address 'x' in route definition/,
    ],
    [
      'route bad gateway',
      nat(`${IP}</ip><route address='10.30.0.0' prefix='16' gateway='x'/>`),
      /Bad gateway address 'x'/,
    ],
    [
      'route prefix 99',
      nat(`${IP}</ip><route address='10.30.0.0' prefix='99' gateway='192.168.150.5'/>`),
      /n: Invalid prefix 99 specified in route definition, must be 0 - 32/,
    ],
    [
      'route IPv6 prefix 200',
      nat(
        "<ip family='ipv6' address='2001:db8::1' prefix='64'/><route family='ipv6' address='2001:db9::' prefix='200' gateway='2001:db8::2'/>",
      ),
      /must be 0 - 128/,
    ],
    [
      'route netmask and prefix',
      nat(`${IP}</ip><route address='10.30.0.0' netmask='255.255.0.0' prefix='16' gateway='192.168.150.5'/>`),
      /Route definition cannot have both a prefix and a netmask/,
    ],
    [
      'route IPv6 without family',
      nat(`${IP}</ip><route address='2001:db9::' prefix='64' gateway='2001:db8::2'/>`),
      /No family specified for non-IPv4 address '2001:db9::'/,
    ],
    [
      'route IPv6 netmask',
      nat(
        "<ip family='ipv6' address='2001:db8::1' prefix='64'/><route family='ipv6' address='2001:db9::' netmask='ffff::' gateway='2001:db8::2'/>",
      ),
      /Specifying netmask invalid for IPv6 address/,
    ],
    [
      'route not a network address',
      nat(`${IP}</ip><route address='10.30.1.0' prefix='16' gateway='192.168.150.5'/>`),
      /Address '10.30.1.0' in route definition is not a network address: use 10.30.0.0/,
    ],
    [
      'route metric 0',
      nat(`${IP}</ip><route address='10.30.0.0' prefix='16' gateway='192.168.150.5' metric='0'/>`),
      /Invalid metric value, must be > 0/,
    ],
    [
      'route gateway unreachable',
      nat(`${IP}</ip><route address='10.30.0.0' prefix='16' gateway='10.1.1.1'/>`),
      /unreachable static route gateway '10.1.1.1' specified for network 'n'/,
    ],
    // dns
    [
      'forwarder bad address',
      nat(`<dns><forwarder addr='notanip'/></dns>${IP}</ip>`),
      /Invalid forwarder IP address 'notanip'/,
    ],
    [
      'empty forwarder',
      nat(`<dns><forwarder/></dns>${IP}</ip>`),
      /Invalid forwarder element, must contain at least one of addr or domain/,
    ],
    [
      'dns host bad ip',
      nat(`<dns><host ip='x'><hostname>a</hostname></host></dns>${IP}</ip>`),
      /Invalid IP address 'x' in network 'n' DNS HOST record/,
    ],
    [
      'dns host without hostname',
      nat(`<dns><host ip='192.168.150.9'/></dns>${IP}</ip>`),
      /Missing hostname in network 'n' DNS HOST record/,
    ],
    [
      'txt name with space',
      nat(`<dns><txt name='a b' value='v'/></dns>${IP}</ip>`),
      /prohibited character in DNS TXT record name 'a b'/,
    ],
    [
      'txt name with comma',
      nat(`<dns><txt name='a,b' value='v'/></dns>${IP}</ip>`),
      /prohibited character in DNS TXT record name 'a,b'/,
    ],
    [
      'srv bad service',
      nat(`<dns><srv service='a b' protocol='tcp'/></dns>${IP}</ip>`),
      /invalid character in service attribute 'a b'/,
    ],
    [
      'srv bad protocol',
      nat(`<dns><srv service='s' protocol='t_p'/></dns>${IP}</ip>`),
      /invalid character in protocol attribute 't_p'/,
    ],
    [
      'srv port 70000',
      nat(`<dns><srv service='s' protocol='tcp' target='t' port='70000'/></dns>${IP}</ip>`),
      /invalid DNS SRV port attribute for service 's' in network 'n'/,
    ],
    [
      'srv port 0',
      nat(`<dns><srv service='s' protocol='tcp' target='t' port='0'/></dns>${IP}</ip>`),
      /invalid DNS SRV port attribute/,
    ],
    [
      'srv port without target',
      nat(`<dns><srv service='s' protocol='tcp' port='80'/></dns>${IP}</ip>`),
      /DNS SRV port attribute not permitted without target/,
    ],
    [
      'srv weight too big',
      nat(`<dns><srv service='s' protocol='tcp' target='t' weight='70000'/></dns>${IP}</ip>`),
      /invalid DNS SRV weight attribute/,
    ],
    [
      'disabled dns with records',
      nat(`<dns enable='no'><txt name='t' value='v'/></dns>${IP}</ip>`),
      /Extra data in disabled network 'n'/,
    ],
    // forward
    [
      'nat in route mode',
      `<network><name>n</name><forward mode='route'><nat><port start='1024' end='2048'/></nat></forward>${IP}</ip></network>`,
      /The <nat> element can only be used when <forward> 'mode' is 'nat' in network n/,
    ],
    [
      'nat range reversed',
      `<network><name>n</name><forward><nat><address start='10.20.1.10' end='10.20.1.5'/></nat></forward>${IP}</ip></network>`,
      /range 10.20.1.10 - 10.20.1.5 is reversed/,
    ],
    [
      'nat address IPv6',
      `<network><name>n</name><forward><nat><address start='2001:db8::1' end='2001:db8::2'/></nat></forward>${IP}</ip></network>`,
      /Bad ipv4 start address '2001:db8::1'/,
    ],
    [
      'two nat addresses',
      `<network><name>n</name><forward><nat><address start='1.1.1.1' end='1.1.1.2'/><address start='1.1.1.3' end='1.1.1.4'/></nat></forward>${IP}</ip></network>`,
      /Only one <address> element is allowed in <nat>/,
    ],
    [
      'nat port reversed',
      `<network><name>n</name><forward><nat><port start='3000' end='2000'/></nat></forward>${IP}</ip></network>`,
      /Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network n/,
    ],
    [
      'nat port too big',
      `<network><name>n</name><forward><nat><port start='70000' end='70001'/></nat></forward>${IP}</ip></network>`,
      /Missing or invalid 'start' attribute in <port>/,
    ],
    [
      'nat without ip',
      "<network><name>n</name><forward mode='nat'/></network>",
      /nat forwarding requested, but no IP address provided for network 'n'/,
    ],
    [
      'open without ip',
      "<network><name>n</name><forward mode='open'/></network>",
      /open forwarding requested, but no IP address provided/,
    ],
    [
      'open with dev',
      `<network><name>n</name><forward mode='open' dev='eth0'/>${IP}</ip></network>`,
      /forward dev not allowed for network 'n' with forward mode='open'/,
    ],
    [
      'route with two interfaces',
      `<network><name>n</name><forward mode='route'><interface dev='a'/><interface dev='b'/></forward>${IP}</ip></network>`,
      /multiple forwarding interfaces specified for network 'n', only one is supported/,
    ],
    [
      'forward dev mismatch',
      `<network><name>n</name><forward dev='eth9'><interface dev='eth1'/></forward>${IP}</ip></network>`,
      /<forward dev='eth9'> must match first <interface dev='eth1'\/> in network n/,
    ],
    [
      'two pf',
      mode('passthrough', "<pf dev='eth0'/><pf dev='eth1'/>"),
      /Only one <pf> element is allowed in <forward> of network n/,
    ],
    [
      'duplicate interface',
      mode('private', "<interface dev='eth4'/><interface dev='eth5'/><interface dev='eth4'/>"),
      /interface 'eth4' can only be listed once in network n/,
    ],
    [
      'duplicate PCI',
      mode(
        'hostdev',
        "<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x3'/><address type='pci' domain='0' bus='3' slot='0' function='3'/>",
      ),
      /PCI device '0000:03:00.3' can only be listed once in network n/,
    ],
    [
      'PCI slot too big',
      mode('hostdev', "<address type='pci' slot='0x20'/>"),
      /Invalid PCI address slot='0x20', must be <= 0x1f/,
    ],
    [
      'hostdev by name',
      mode('hostdev', "<interface dev='eth6'/>"),
      /hostdev network 'n' lists 'eth6' in the device pool, but hostdev networks require all devices to be listed by PCI address/,
    ],
    [
      'PCI in passthrough',
      mode('passthrough', "<address type='pci' bus='5' function='1'/>"),
      /network 'n' has forward mode 'passthrough' but lists a device by PCI address/,
    ],
    [
      'pci and interface',
      mode('hostdev', "<interface dev='eth0'/><address type='pci' bus='5'/>"),
      /are mutually exclusive/,
    ],
    [
      'bridge name in private mode',
      "<network><name>n</name><forward mode='private'><interface dev='e'/></forward><bridge name='br0'/></network>",
      /bridge name not allowed in private mode \(network 'n'\)/,
    ],
    [
      'stp in bridge mode',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0' stp='on'/></network>",
      /bridge delay\/stp options only allowed in route, nat, and isolated mode, not in bridge/,
    ],
    [
      'bridge name and dev in bridge mode',
      "<network><name>n</name><forward mode='bridge' dev='eth0'/><bridge name='br0'/></network>",
      /can specify a bridge name or a forward dev, but not both/,
    ],
    [
      'ip in bridge mode',
      `<network><name>n</name><forward mode='bridge'/><bridge name='br0'/>${IP}</ip></network>`,
      /Unsupported <ip> element in network n with forward mode='bridge'/,
    ],
    [
      'mac in bridge mode',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><mac address='52:54:00:15:00:01'/></network>",
      /Unsupported <mac> element in network n with forward mode='bridge'/,
    ],
    [
      'dns in private mode',
      "<network><name>n</name><forward mode='private'><interface dev='e'/></forward><dns><txt name='t' value='v'/></dns></network>",
      /Unsupported <dns> element in network n with forward mode='private'/,
    ],
    [
      'domain in vepa mode',
      "<network><name>n</name><forward mode='vepa'><interface dev='e'/></forward><domain name='x.org'/></network>",
      /Unsupported <domain> element in network n with forward mode='vepa'/,
    ],
    [
      'bandwidth in passthrough',
      "<network><name>n</name><forward mode='passthrough'><interface dev='e'/></forward><bandwidth><inbound average='1'/></bandwidth></network>",
      /Unsupported network-wide <bandwidth> element in network n with forward mode='passthrough'/,
    ],
    // ports
    [
      'vlan on nat',
      nat(`<vlan><tag id='10'/></vlan>${IP}</ip>`),
      /<vlan> element specified for network n, whose type doesn't support vlan configuration/,
    ],
    [
      'vlan tag 5000',
      mode('hostdev', "<pf dev='e'/>", "<vlan><tag id='5000'/></vlan>"),
      /vlan tag id 5000 too large \(maximum 4095\)/,
    ],
    [
      'vlan without tags',
      mode('hostdev', "<pf dev='e'/>", '<vlan/>'),
      /missing tag id - each <vlan> must have at least one <tag id='n'\/> subelement/,
    ],
    [
      'two native tags',
      mode(
        'hostdev',
        "<pf dev='e'/>",
        "<vlan trunk='yes'><tag id='1' nativeMode='tagged'/><tag id='2' nativeMode='untagged'/></vlan>",
      ),
      /duplicate native vlan setting/,
    ],
    [
      'trunk=no with two tags',
      mode('hostdev', "<pf dev='e'/>", "<vlan trunk='no'><tag id='1'/><tag id='2'/></vlan>"),
      /trunk='yes' is required for more than one vlan tag/,
    ],
    [
      'bandwidth without average',
      nat(`<bandwidth><inbound peak='10'/></bandwidth>${IP}</ip>`),
      /Missing mandatory average or floor attributes/,
    ],
    [
      'bandwidth floor',
      nat(`<bandwidth><inbound average='1' floor='10'/></bandwidth>${IP}</ip>`),
      /floor attribute is not supported for this config/,
    ],
    [
      'outbound floor',
      nat(`<bandwidth><outbound average='1' floor='10'/></bandwidth>${IP}</ip>`),
      /'floor' attribute allowed only in <inbound> element/,
    ],
    [
      'duplicate portgroups',
      nat(`${IP}</ip><portgroup name='same'/><portgroup name='same'/>`),
      /multiple <portgroup> elements with the same name \(same\) in network 'n'/,
    ],
    [
      'two default portgroups',
      nat(`${IP}</ip><portgroup name='a' default='yes'/><portgroup name='b' default='yes'/>`),
      /network 'n' has multiple default <portgroup> elements \(a and b\), but only one default is allowed/,
    ],
    [
      'portgroup bandwidth in hostdev',
      mode(
        'hostdev',
        "<pf dev='e'/>",
        "<portgroup name='pg1'><bandwidth><inbound average='1000'/></bandwidth></portgroup>",
      ),
      /Unsupported <bandwidth> element in network 'n' in portgroup 'pg1' with forward mode='hostdev'/,
    ],
    [
      'virtualport without type',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><virtualport><parameters profileid='p'/></virtualport></network>",
      /missing required virtualport type/,
    ],
    [
      'virtualport unknown type',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><virtualport type='x'/></network>",
      /unknown virtualport type x/,
    ],
    [
      'virtualport extra parameter',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><virtualport type='openvswitch'><parameters managerid='1'/></virtualport></network>",
      /extra managerid not allowed in <virtualport type='openvswitch'>/,
    ],
    [
      'virtualport managerid out of range',
      "<network><name>n</name><forward mode='vepa'><interface dev='e'/></forward><virtualport type='802.1Qbg'><parameters managerid='300'/></virtualport></network>",
      /value of managerid out of range/,
    ],
    [
      'virtualport bad uuid',
      "<network><name>n</name><forward mode='bridge'/><bridge name='br0'/><virtualport type='openvswitch'><parameters interfaceid='x'/></virtualport></network>",
      /cannot parse interfaceid parameter 'x' as a uuid/,
    ],
  ])('%s', (_what, xml, pattern) => {
    const found = messages(xml);
    expect(
      found.some((m) => pattern.test(m)),
      found.join('\n'),
    ).toBe(true);
  });
});

describe('readNetworkDefinition', () => {
  it('returns the definition when parse and validation pass', () => {
    const r = readNetworkDefinition(dhcp("<range start='192.168.150.2' end='192.168.150.254'/>"));
    expect(r.ok && r.def.name).toBe('n');
  });

  it('returns parse errors and validation errors alike', () => {
    const parseFail = readNetworkDefinition('<network>');
    const validateFail = readNetworkDefinition(nat("<ip address='999.1.1.1'/>"));
    expect(parseFail.ok ? [] : parseFail.errors[0]?.message).toMatch(/not well-formed/);
    expect(validateFail.ok ? [] : validateFail.errors[0]).toMatchObject({
      element: 'network/ip',
      kind: 'invalid',
    });
  });
});
