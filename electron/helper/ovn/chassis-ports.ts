/**
 * The guest interfaces plugged into this chassis's integration bridge, from the local
 * Open_vSwitch database: each OVS interface on br-int (or the bridge external_ids:ovn-bridge
 * names) whose external_ids:iface-id names the logical port it is (what libvirt writes for
 * <virtualport type='openvswitch'>), and this chassis's hostname, as OVN's Chassis record
 * takes it (external_ids:hostname, else the system's). One ovs-vsctl run, read as JSON.
 */
import { hostname } from 'node:os';
import type { OvnConfig } from './config';
import { jsonLines } from './guest-ports';
import { vsctl } from './nbctl';
import { asList, asMap, asString, parseOvsdbTable } from './ovsdb-json';

export interface ChassisInterface {
  /** The interface's name (a tap or veth; its counters are in /sys/class/net/NAME). */
  readonly name: string;
  /** Its external_ids:iface-id, the Logical_Switch_Port it is. */
  readonly ifaceId: string;
}

export interface ChassisPorts {
  readonly host: string;
  readonly interfaces: readonly ChassisInterface[];
}

export const CHASSIS_PORTS_ARGS: readonly string[] = [
  '--format=json',
  '--',
  '--columns=external_ids',
  'list',
  'Open_vSwitch',
  '--',
  '--columns=name,ports',
  'list',
  'Bridge',
  '--',
  '--columns=_uuid,interfaces',
  'list',
  'Port',
  '--',
  '--columns=_uuid,name,external_ids',
  'list',
  'Interface',
];

/** The four tables of CHASSIS_PORTS_ARGS, joined: br-int → its ports → their interfaces with an iface-id. */
export function parseChassisPorts(out: string, systemHostname = hostname()): ChassisPorts {
  const [ovs = [], bridges = [], ports = [], ifaces = []] = jsonLines(out).map(parseOvsdbTable);
  const ids = asMap(ovs[0]?.external_ids);
  const bridgeName = ids.get('ovn-bridge') || 'br-int';
  const bridge = bridges.find((b) => asString(b.name) === bridgeName);
  const portUuids = new Set(asList(bridge?.ports).map(String));
  const ifaceUuids = new Set<string>();
  for (const p of ports)
    if (portUuids.has(asString(p._uuid) ?? ''))
      for (const i of asList(p.interfaces)) ifaceUuids.add(String(i));
  const interfaces: ChassisInterface[] = [];
  for (const i of ifaces) {
    const ifaceId = asMap(i.external_ids).get('iface-id');
    const name = asString(i.name);
    if (ifaceId && name && ifaceUuids.has(asString(i._uuid) ?? '')) interfaces.push({ name, ifaceId });
  }
  return { host: ids.get('hostname') || systemHostname, interfaces };
}

export async function chassisPorts(cfg: OvnConfig): Promise<ChassisPorts> {
  return parseChassisPorts(await vsctl(cfg, CHASSIS_PORTS_ARGS));
}
