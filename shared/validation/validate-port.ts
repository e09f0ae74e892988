/** Guest-port rules: <vlan>, <bandwidth>, <virtualport> and <portgroup>. */
import type { Bandwidth, BandwidthRate, NetworkDef, Virtualport, Vlan } from '../model/network';
import { parseUnsigned } from '../xml/parse-context';
import { canonicalUuid } from '../xml/uuid';
import { Findings } from './issues';
import { bandwidthAllowed } from './validate-forward';

export function validateVlan(f: Findings, vlan: Vlan | undefined, path: string): void {
  if (!vlan) return;
  if (vlan.tags.length === 0) {
    return f.add(path, "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement.");
  }
  for (const t of vlan.tags) {
    if (t.id > 4095) f.add(`${path}/tag`, `vlan tag id ${t.id} too large (maximum 4095).`);
  }
  const native = vlan.tags.filter((t) => t.nativeMode !== undefined);
  if (native.length > 1)
    f.add(`${path}/tag`, 'duplicate native vlan setting: only one <tag> may have nativeMode.');
  if (vlan.trunk === 'no' && vlan.tags.length > 1) {
    f.add(path, `invalid "trunk='no'" in <vlan> - trunk='yes' is required for more than one vlan tag.`);
  } else if (vlan.trunk === 'no' && native.length > 0) {
    f.add(path, `invalid configuration in <vlan> - "trunk='no'" is not allowed with a native vlan id.`);
  }
}

/** `floorAllowed`: a network port's <inbound> may set floor; a network's or portgroup's may not. */
function validateRate(
  f: Findings,
  r: BandwidthRate | undefined,
  path: string,
  inbound: boolean,
  floorAllowed = false,
): void {
  if (!r) return;
  if (r.average === undefined && r.floor === undefined)
    return f.add(path, 'Missing mandatory average or floor attributes in bandwidth.');
  if ((r.peak !== undefined || r.burst !== undefined) && r.average === undefined) {
    return f.add(path, "'peak' and 'burst' require 'average' attribute.");
  }
  if (r.floor !== undefined && !(inbound && floorAllowed)) {
    f.add(
      path,
      inbound
        ? 'floor attribute is not supported for this config: a network or portgroup <bandwidth> cannot set floor.'
        : "'floor' attribute allowed only in <inbound> element.",
    );
  }
}

export function validateBandwidth(f: Findings, bw: Bandwidth | undefined, path: string): void {
  if (!bw) return;
  validateRate(f, bw.inbound, `${path}/inbound`, true);
  validateRate(f, bw.outbound, `${path}/outbound`, false);
}

/** A network port's <bandwidth>, as libvirt parses it (floor allowed, inbound only); first problem or null. */
export function portBandwidthProblem(bw: Bandwidth | undefined): string | null {
  if (!bw) return null;
  const f = new Findings('');
  validateRate(f, bw.inbound, 'networkport/bandwidth/inbound', true, true);
  validateRate(f, bw.outbound, 'networkport/bandwidth/outbound', false, true);
  return f.list[0]?.message ?? null;
}

const VPORT_TYPES: Readonly<Record<string, readonly string[]>> = {
  '802.1Qbg': ['managerid', 'typeid', 'typeidversion', 'instanceid'],
  '802.1Qbh': ['profileid'],
  openvswitch: ['interfaceid', 'profileid'],
  midonet: ['interfaceid'],
};
const MAX_VALUES: Readonly<Record<string, number>> = {
  managerid: 0xff,
  typeid: 0xffffff,
  typeidversion: 0xff,
};

export function validateVirtualport(
  f: Findings,
  vp: Virtualport | undefined,
  path: string,
  requireType: boolean,
): void {
  if (!vp) return;
  if (vp.type === undefined && requireType)
    return f.add(
      path,
      "missing required virtualport type: add type='openvswitch', '802.1Qbg', '802.1Qbh' or 'midonet'.",
    );
  const allowed = vp.type === undefined ? undefined : VPORT_TYPES[vp.type];
  if (vp.type !== undefined && !allowed)
    return f.add(
      path,
      `unknown virtualport type ${vp.type}: use openvswitch, 802.1Qbg, 802.1Qbh or midonet.`,
    );
  for (const [name, value] of vp.parameters) {
    if (allowed && !allowed.includes(name) && Object.values(VPORT_TYPES).some((l) => l.includes(name))) {
      f.add(`${path}/parameters`, `extra ${name} not allowed in <virtualport type='${vp.type}'>.`);
      continue;
    }
    const max = MAX_VALUES[name];
    if (max !== undefined) {
      const v = parseUnsigned(value, 0);
      if (v === undefined || v > max)
        f.add(`${path}/parameters`, `value of ${name} out of range: '${value}' must be from 0 to ${max}.`);
    } else if ((name === 'instanceid' || name === 'interfaceid') && !canonicalUuid(value)) {
      f.add(`${path}/parameters`, `cannot parse ${name} parameter '${value}' as a uuid.`);
    } else if (name === 'profileid' && value.length > 39) {
      f.add(`${path}/parameters`, `profileid parameter too long: at most 39 characters.`);
    }
  }
}

export function validatePortgroups(f: Findings, def: NetworkDef): void {
  const n = f.networkName;
  const mode = def.forward?.mode ?? 'none';
  const names = new Set<string>();
  let defaultName: string | undefined;
  for (const pg of def.portgroups) {
    const path = 'network/portgroup';
    if (names.has(pg.name))
      f.add(
        path,
        `multiple <portgroup> elements with the same name (${pg.name}) in network '${n}': give each portgroup its own name.`,
      );
    names.add(pg.name);
    if (pg.default === 'yes') {
      if (defaultName !== undefined) {
        f.add(
          path,
          `network '${n}' has multiple default <portgroup> elements (${defaultName} and ${pg.name}), but only one default is allowed.`,
        );
      }
      defaultName ??= pg.name;
    }
    validateVlan(f, pg.vlan, `${path}/vlan`);
    validateBandwidth(f, pg.bandwidth, `${path}/bandwidth`);
    validateVirtualport(f, pg.virtualport, `${path}/virtualport`, false);
    if (pg.bandwidth && (!bandwidthAllowed(def) || mode === 'hostdev')) {
      f.add(
        `${path}/bandwidth`,
        `Unsupported <bandwidth> element in network '${n}' in portgroup '${pg.name}' with forward mode='${mode}'.`,
      );
    }
  }
}

/** Only hostdev/passthrough pools and Open vSwitch bridges can tag guest traffic. */
export function validateVlanUse(f: Findings, def: NetworkDef): void {
  const mode = def.forward?.mode;
  const ovs = (type: string | undefined): boolean => mode === 'bridge' && type === 'openvswitch';
  const vlanAllowed = mode === 'hostdev' || mode === 'passthrough' || ovs(def.virtualport?.type);
  const vlanUsed = (def.vlan?.tags.length ?? 0) > 0;
  let bad = false;
  for (const pg of def.portgroups) {
    if (!vlanUsed && (pg.vlan?.tags.length ?? 0) === 0) continue;
    bad ||= pg.virtualport ? !ovs(pg.virtualport.type) : !vlanAllowed;
  }
  const hasDefault = def.portgroups.some((pg) => pg.default === 'yes');
  if (bad || (vlanUsed && !vlanAllowed && !hasDefault)) {
    f.add(
      'network/vlan',
      `<vlan> element specified for network ${f.networkName}, whose type doesn't support vlan configuration: only hostdev, passthrough and Open vSwitch bridge networks can tag guest traffic.`,
    );
  }
}
