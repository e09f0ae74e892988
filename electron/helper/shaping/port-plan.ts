/**
 * A network port's <bandwidth> as tc commands, the way libvirt shapes a guest's interface:
 *
 * - its inbound/outbound average (peak, burst) on the port's device — the bridge port that
 *   carries the guest's MAC, a VM's tap or a sandbox's veth — as libvirt's virNetDevBandwidthSet
 *   does on the tap: inbound (towards the guest) leaves the host through the device's egress,
 *   one htb class there; outbound (from the guest) enters at its ingress, which libvirt polices
 *   and vnm redirects to an ifb of the port's own and shapes with htb (bandwidth-plan.ts says why);
 * - its inbound floor on the network's bridge, as libvirt's virNetDevBandwidthPlug: a class
 *   1:N under the network's 1:1 with rate=floor and ceil=the network's peak (else average),
 *   a leaf under it, and a u32 filter sending frames whose destination MAC is the guest's into
 *   it. libvirt's filter matches IPv4 only (protocol ip); vnm's matches every protocol, so a
 *   guest's IPv6 counts against and under its floor too.
 *
 * Pure: port-shaping.ts runs the commands.
 */
import type { Bandwidth, BandwidthRate } from '../../../shared/model/network';
import type { ShapingPlan } from './bandwidth-plan';
import { DEFAULT_CLASS, leafQdisc, nameHash, planOn } from './bandwidth-plan';

const PORT_IFB = /^vnmpifb[0-9a-f]{8}$/;

/** The ifb carrying one port's outbound traffic: 15 characters, the same for the same port. */
export function portIfbName(portUuid: string): string {
  return `vnmpifb${nameHash(portUuid)}`;
}

/** Whether a link is a port ifb (which only vnmd makes). */
export const isPortIfb = (name: string): boolean => PORT_IFB.test(name);

/** What to shape on the port's device; null when the port sets no average. */
export function portShapingPlan(bw: Bandwidth | undefined, portUuid: string): ShapingPlan | null {
  return planOn(bw, portIfbName(portUuid), false);
}

const classOf = (id: number) => `1:${id.toString(16)}`;
// tc reads a u32 handle's parts as hex; libvirt prints the id in decimal there, vnm in hex so
// the filter and its class carry the same number.
const filterHandle = (id: number) => `800::${id.toString(16)}`;
const ceilOf = (net: BandwidthRate) => Math.max(net.peak ?? 0, net.average ?? 0);

/** u32 matches for a destination MAC: offsets are from the network header, -14 is the frame's start. */
export function destinationMacMatch(mac: string): string[] {
  const hex = mac.toLowerCase().split(':').join('');
  return [
    'match',
    'u32',
    `0x${hex.slice(4)}`,
    '0xffffffff',
    'at',
    '-12',
    'match',
    'u16',
    `0x${hex.slice(0, 4)}`,
    '0xffff',
    'at',
    '-14',
  ];
}

/** The class, leaf and filter giving `mac` its inbound `floor` on the network's bridge. */
export function plugFloorCommands(
  bridge: string,
  net: BandwidthRate,
  mac: string,
  classId: number,
  floor: number,
): string[][] {
  const cls = classOf(classId);
  return [
    [
      'class',
      'add',
      'dev',
      bridge,
      'parent',
      '1:1',
      'classid',
      cls,
      'htb',
      'rate',
      `${floor}kbps`,
      'ceil',
      `${ceilOf(net)}kbps`,
    ],
    leafQdisc(bridge, cls, `${classId.toString(16)}:`),
    [
      'filter',
      'add',
      'dev',
      bridge,
      'parent',
      '1:',
      'protocol',
      'all',
      'prio',
      '2',
      'handle',
      filterHandle(classId),
      'u32',
      ...destinationMacMatch(mac),
      'flowid',
      cls,
    ],
  ];
}

/** Removes what plugFloorCommands added: the filter first, as a class with a filter on it stays. */
export function unplugFloorCommands(bridge: string, classId: number): string[][] {
  return [
    ['filter', 'del', 'dev', bridge, 'parent', '1:', 'prio', '2', 'handle', filterHandle(classId), 'u32'],
    ['qdisc', 'del', 'dev', bridge, 'parent', classOf(classId), 'handle', `${classId.toString(16)}:`],
    ['class', 'del', 'dev', bridge, 'classid', classOf(classId)],
  ];
}

/**
 * The default class's rate once `floorSum` is guaranteed to ports: what is left of the
 * network's peak (else average), as libvirt's networkPlugBandwidth computes it, and the
 * network's average again when no floor is plugged (libvirt leaves the peak there). htb
 * needs a rate above zero, so a network whose floors take it all leaves 1 kB/s (libvirt's
 * `tc class change` fails there and it only warns).
 */
export function defaultClassCommand(bridge: string, net: BandwidthRate, floorSum: number): string[] {
  const base = floorSum > 0 ? ceilOf(net) : (net.average ?? 0);
  const rate = Math.max(1, base - floorSum);
  const burst = net.burst !== undefined ? ['burst', `${net.burst}kb`] : [];
  return [
    'class',
    'change',
    'dev',
    bridge,
    'parent',
    '1:1',
    'classid',
    DEFAULT_CLASS,
    'htb',
    'rate',
    `${rate}kbps`,
    'ceil',
    `${Math.max(ceilOf(net), rate)}kbps`,
    ...burst,
  ];
}
