/**
 * XML and helpers for ovn-guests.integration.test.ts: OVN network and port XML, the hostile
 * <vnm:ovn> values (each field given each value, the rest left valid), and a dump of the
 * northbound database (less NB_Global), to show that a refused define changed nothing there.
 */
import type { OvnLab } from '../helpers/ovn-hosts';

export function ovnNetworkXml(name: string, uuid: string, ovn: string): string {
  return `<network>
  <name>${name}</name>
  <uuid>${uuid}</uuid>
  <metadata>
    ${ovn}
  </metadata>
  <forward mode='bridge'/>
  <bridge name='br-int'/>
  <virtualport type='openvswitch'/>
</network>`;
}

/** A port whose UUID (and so iface-id) is PREFIX-0000-4000-8000-000000000000. */
export function portXml(prefix: string, mac: string): string {
  return `<networkport><uuid>${prefix}-0000-4000-8000-000000000000</uuid><owner><name>vm-${mac.slice(-2)}</name><uuid>0f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid></owner><mac address='${mac}'/></networkport>`;
}

/** Values that are OVSDB or ovn-nbctl syntax, a newline, or far too long. */
export const HOSTILE: readonly string[] = [
  'a"b',
  'x,y',
  '--db=evil',
  'a=b',
  '{}',
  '[',
  'a\nb',
  'z'.repeat(300),
];

function xmlAttr(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;');
}

/** Each field: where it sits, its valid value, and the words its refusal must name it by. */
const FIELDS: readonly { field: string; el: 'ovn' | 'dhcp' | 'uplink'; valid: string; names: RegExp }[] = [
  { field: 'mode', el: 'ovn', valid: 'nat', names: /OVN mode/ },
  { field: 'switch', el: 'ovn', valid: 'hz-switch', names: /OVN switch name/ },
  { field: 'subnet', el: 'ovn', valid: '10.90.0.0/24', names: /OVN subnet/ },
  { field: 'gateway', el: 'ovn', valid: '10.90.0.1', names: /OVN gateway/ },
  { field: 'mtu', el: 'ovn', valid: '1400', names: /OVN mtu/ },
  { field: 'start', el: 'dhcp', valid: '10.90.0.100', names: /OVN DHCP range start/ },
  { field: 'end', el: 'dhcp', valid: '10.90.0.199', names: /OVN DHCP range end/ },
  { field: 'leaseTime', el: 'dhcp', valid: '600', names: /OVN DHCP leaseTime/ },
  { field: 'dns', el: 'dhcp', valid: '10.90.0.1', names: /OVN DNS server/ },
  { field: 'domain', el: 'dhcp', valid: 'hz.example', names: /OVN DHCP domain/ },
  { field: 'chassis', el: 'uplink', valid: 'host-a', names: /OVN uplink chassis/ },
  { field: 'physnet', el: 'uplink', valid: 'uplink', names: /OVN uplink physnet/ },
  { field: 'address', el: 'uplink', valid: '198.51.100.50/24', names: /OVN uplink address/ },
  { field: 'nexthop', el: 'uplink', valid: '198.51.100.1', names: /OVN uplink nexthop/ },
];

export interface HostileCase {
  readonly field: string;
  readonly value: string;
  readonly xml: string;
  readonly names: RegExp;
}

/** A (re)definition of network `name` for each field given each hostile value. */
export function hostileCases(name: string, uuid: string): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const f of FIELDS) {
    for (const value of HOSTILE) {
      const attrs = (el: string) =>
        FIELDS.filter((x) => x.el === el)
          .map((x) => ` ${x.field}="${xmlAttr(x === f ? value : x.valid)}"`)
          .join('');
      const ovn = `<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0"${attrs('ovn')}>
      <vnm:dhcp${attrs('dhcp')}/>
      <vnm:uplink${attrs('uplink')}/>
    </vnm:ovn>`;
      cases.push({
        field: f.field,
        value,
        xml: ovnNetworkXml(name, uuid, ovn),
        names: f.names,
      });
    }
  }
  return cases;
}

/** NB_Global moves by itself (ovn-northd and the chassis write their progress there). */
const MOVING_TABLES = new Set(['NB_Global']);

/** The northbound database as ovsdb-client dumps it (row versions included), less NB_Global. */
export async function nbSnapshot(lab: OvnLab): Promise<string> {
  const r = await lab.central.ns.exec('ovsdb-client', [
    '--timeout=10',
    'dump',
    `unix:${lab.central.nbSocket}`,
    'OVN_Northbound',
  ]);
  const sections = r.stdout.split(/^(?=\S+ table$)/m);
  return sections.filter((s) => !MOVING_TABLES.has(s.slice(0, s.indexOf(' ')))).join('');
}
