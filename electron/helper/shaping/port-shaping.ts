/**
 * Applies and removes one network port's shaping (port-plan.ts) with tc and ip. Every apply
 * clears first, as libvirt's virNetDevBandwidthSet does, so a vnmd that restarts and finds
 * its own earlier shaping on a device puts it back whole instead of failing on it.
 */
import type { BandwidthRate } from '../../../shared/model/network';
import type { IpBatch } from '../bridge/ip-batch';
import { run } from '../exec';
import type { ShapingPlan } from './bandwidth-plan';
import { defaultClassCommand, plugFloorCommands, unplugFloorCommands } from './port-plan';
import { applyShaping, removeShaping } from './shaping';

/** Shapes the port's device as `plan` says, replacing whatever shaping it had. */
export async function applyDeviceShaping(ip: IpBatch, plan: ShapingPlan, device: string): Promise<void> {
  await removeShaping(ip, device, plan.outbound?.ifb ?? null);
  await applyShaping(ip, plan, device);
}

/** Removes the device's qdiscs (when it is still there) and the port's ifb. */
export async function clearDeviceShaping(ip: IpBatch, device: string, ifb: string | null): Promise<void> {
  await removeShaping(ip, device, ifb);
}

/** Runs each command, going on past failures ("not found" is the state wanted). */
async function runAll(cmds: readonly string[][]): Promise<void> {
  for (const args of cmds) await run('tc', args).catch(() => undefined);
}

/** Gives `mac` its floor class on the bridge; on a failure what it added is removed. */
export async function plugFloor(
  bridge: string,
  net: BandwidthRate,
  mac: string,
  classId: number,
  floor: number,
): Promise<void> {
  await runAll(unplugFloorCommands(bridge, classId));
  try {
    for (const args of plugFloorCommands(bridge, net, mac, classId, floor)) await run('tc', args);
  } catch (err) {
    await runAll(unplugFloorCommands(bridge, classId));
    throw err;
  }
}

export async function unplugFloor(bridge: string, classId: number): Promise<void> {
  await runAll(unplugFloorCommands(bridge, classId));
}

/** Sets the default class's rate for the floors now plugged on the bridge. */
export async function setDefaultRate(bridge: string, net: BandwidthRate, floorSum: number): Promise<void> {
  await run('tc', defaultClassCommand(bridge, net, floorSum));
}
