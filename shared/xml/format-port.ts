/** Writes <bandwidth>, <vlan>, <virtualport> and <portgroup> as libvirt 9.0 does. */
import type { Bandwidth, BandwidthRate, Portgroup, Virtualport, Vlan } from '../model/network';
import { parseUnsigned } from './parse-context';
import { canonicalUuid } from './uuid';
import type { XmlWriter } from './xml-writer';

function rate(w: XmlWriter, name: string, r: BandwidthRate | undefined): void {
  // libvirt writes a rate only when it has an average or floor; zeroes are "not set".
  if (!r || !(r.average || r.floor)) return;
  const nz = (v: number | undefined): number | undefined => (v ? v : undefined);
  w.empty(name, [
    ['average', nz(r.average)],
    ['peak', nz(r.peak)],
    ['floor', nz(r.floor)],
    ['burst', nz(r.burst)],
  ]);
}

/** `classId`: a network port's floor class, which libvirt writes as classID (0 or none: left out). */
export function formatBandwidth(w: XmlWriter, bw: Bandwidth | undefined, classId?: number): void {
  if (!bw || (!bw.inbound && !bw.outbound)) return;
  w.block('bandwidth', [['classID', classId ? classId : undefined]], () => {
    rate(w, 'inbound', bw.inbound);
    rate(w, 'outbound', bw.outbound);
  });
}

export function formatVlan(w: XmlWriter, vlan: Vlan | undefined): void {
  if (!vlan || vlan.tags.length === 0) return;
  const trunk = vlan.trunk === 'yes' || vlan.tags.length > 1 ? 'yes' : undefined;
  w.block('vlan', [['trunk', trunk]], () => {
    for (const tag of vlan.tags)
      w.empty('tag', [
        ['id', tag.id],
        ['nativeMode', tag.nativeMode],
      ]);
  });
}

/** Parameter order libvirt writes, and the virtualport types each parameter belongs to. */
const PARAMETERS: readonly (readonly [string, readonly string[], 'int' | 'uuid' | 'text'])[] = [
  ['managerid', ['802.1Qbg'], 'int'],
  ['typeid', ['802.1Qbg'], 'int'],
  ['typeidversion', ['802.1Qbg'], 'int'],
  ['instanceid', ['802.1Qbg'], 'uuid'],
  ['interfaceid', ['openvswitch', 'midonet'], 'uuid'],
  ['profileid', ['openvswitch', '802.1Qbh'], 'text'],
];

function normaliseParameter(kind: 'int' | 'uuid' | 'text', value: string): string {
  if (kind === 'int') return String(parseUnsigned(value, 0) ?? value);
  if (kind === 'uuid') return canonicalUuid(value) ?? value;
  return value;
}

export function formatVirtualport(w: XmlWriter, vp: Virtualport | undefined): void {
  if (!vp) return;
  const given = new Map(vp.parameters);
  const params = PARAMETERS.filter(
    ([name, types]) => given.has(name) && (!vp.type || types.includes(vp.type)),
  ).map(([name, , kind]) => [name, normaliseParameter(kind, given.get(name) ?? '')] as const);
  if (params.length === 0) {
    if (vp.type) w.empty('virtualport', [['type', vp.type]]);
    return;
  }
  w.block('virtualport', [['type', vp.type]], () => w.empty('parameters', params));
}

export function formatPortgroup(w: XmlWriter, pg: Portgroup): void {
  w.block(
    'portgroup',
    [
      ['name', pg.name],
      ['default', pg.default === 'yes' ? 'yes' : undefined],
      ['trustGuestRxFilters', pg.trustGuestRxFilters],
    ],
    () => {
      formatVlan(w, pg.vlan);
      formatVirtualport(w, pg.virtualport);
      formatBandwidth(w, pg.bandwidth);
    },
  );
}
