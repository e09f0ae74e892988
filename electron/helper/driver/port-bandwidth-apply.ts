/**
 * Puts one network port's <bandwidth> on the host and takes it off again: its average on the
 * device carrying the guest's MAC (and its ifb), its floor as a class on the network's bridge.
 * port-bandwidth-keeper.ts decides when.
 */
import type { BandwidthRate } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import type { IpBatch } from '../bridge/ip-batch';
import { deleteLink } from '../bridge/links';
import type { PortDevice } from '../bridge/port-device';
import { ifindexOf } from '../bridge/port-device';
import { portShapingPlan } from '../shaping/port-plan';
import { applyDeviceShaping, clearDeviceShaping, plugFloor, unplugFloor } from '../shaping/port-shaping';
import { floorOf } from './port-floor';
import { linkNames } from '../bridge/proc-net';

/** A port whose device is on its network's bridge now. */
export interface WantedPort {
  readonly network: string;
  readonly bridge: string;
  /** The network's inbound limit (the floor classes' parent), when it has one. */
  readonly netIn: BandwidthRate | null;
  readonly port: NetworkPortDef;
  readonly device: PortDevice;
}

/** What was applied for one port, enough to take it off again. */
export interface AppliedPort {
  readonly network: string;
  readonly bridge: string;
  readonly device: PortDevice;
  readonly ifb: string | null;
  readonly floor: { readonly classId: number; readonly rate: number } | null;
}

/** Whether the port has anything to apply: an average either way, or a floor with its class. */
export function hasShaping(p: NetworkPortDef): boolean {
  return portShapingPlan(p.bandwidth, p.uuid) !== null || (floorOf(p) > 0 && p.classId !== undefined);
}

export async function applyPort(ip: IpBatch, w: WantedPort): Promise<AppliedPort> {
  const { port, device, bridge } = w;
  const plan = portShapingPlan(port.bandwidth, port.uuid);
  const ifb = plan?.outbound?.ifb ?? null;
  if (plan) await applyDeviceShaping(ip, plan, device.name);
  const rate = floorOf(port);
  const floor = rate > 0 && port.classId !== undefined && w.netIn ? { classId: port.classId, rate } : null;
  if (floor) {
    try {
      await plugFloor(bridge, w.netIn!, port.mac, floor.classId, floor.rate);
    } catch (err) {
      if (plan) await clearDeviceShaping(ip, device.name, ifb).catch(() => undefined);
      throw err;
    }
  }
  return { network: w.network, bridge, device, ifb, floor };
}

/** Takes off what applyPort put on; a device replaced meanwhile (another ifindex) is left alone. */
export async function removePort(ip: IpBatch, a: AppliedPort): Promise<void> {
  const links = await linkNames();
  if (ifindexOf(a.device.name) === a.device.ifindex) await clearDeviceShaping(ip, a.device.name, a.ifb);
  else if (a.ifb && links.has(a.ifb)) await deleteLink(ip, a.ifb);
  if (a.floor && links.has(a.bridge)) await unplugFloor(a.bridge, a.floor.classId);
}
