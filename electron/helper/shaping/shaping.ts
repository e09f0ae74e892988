/**
 * Applies, removes and checks a network's traffic shaping (bandwidth-plan.ts) with tc and ip.
 * The bridge's qdiscs go with the bridge; the ifb device is the one thing to delete apart.
 */
import { VnmError } from '../../../shared/rpc/errors';
import type { IpBatch } from '../bridge/ip-batch';
import { deleteLink } from '../bridge/links';
import { crashPoint } from '../crash-point';
import { run, runJson } from '../exec';
import { linkNames } from '../bridge/proc-net';
import type { ShapingPlan } from './bandwidth-plan';
import { ifbName, shapingCommands } from './bandwidth-plan';

async function tc(args: readonly string[]): Promise<void> {
  await run('tc', args);
  crashPoint(`tc ${args.slice(0, 4).join(' ')}`);
}

/** Refuses a start whose ifb name someone else's interface already has. */
export async function checkIfbFree(plan: ShapingPlan | null): Promise<void> {
  const ifb = plan?.outbound?.ifb;
  if (ifb && (await linkNames()).has(ifb)) {
    throw new VnmError(
      'conflict',
      `The interface '${ifb}', which vnm would create to shape this network's outbound traffic, already exists; delete it (ip link del ${ifb}) or give the network another bridge name.`,
    );
  }
}

/**
 * Shapes `bridge` as `plan` says; on a failure, what it did is removed before the error
 * goes on, so the caller registers the undo only for a whole success.
 */
export async function applyShaping(ip: IpBatch, plan: ShapingPlan, bridge: string): Promise<void> {
  const { ip: ips, tc: tcs } = shapingCommands(plan, bridge);
  try {
    for (const args of ips) {
      await run('ip', args);
      crashPoint(`ip ${args.slice(0, 3).join(' ')}`);
    }
    for (const args of tcs) await tc(args);
  } catch (err) {
    await removeShaping(ip, bridge, plan.outbound?.ifb ?? null).catch(() => undefined);
    throw err;
  }
}

/** Removes the bridge's qdiscs (if the bridge is still there) and the ifb device. */
export async function removeShaping(ip: IpBatch, bridge: string, ifb: string | null): Promise<void> {
  const links = await linkNames();
  if (links.has(bridge)) {
    // "No such file or directory" / "Invalid handle": already gone, which is what we want.
    for (const where of [['root'], ['handle', 'ffff:', 'ingress']])
      await run('tc', ['qdisc', 'del', 'dev', bridge, ...where]).catch(() => undefined);
  }
  if (ifb && links.has(ifb)) await deleteLink(ip, ifb);
}

interface RawQdisc {
  kind?: string;
  handle?: string;
  root?: boolean;
}

async function qdiscs(dev: string): Promise<RawQdisc[]> {
  return (await runJson<RawQdisc[] | null>('tc', ['-json', 'qdisc', 'show', 'dev', dev])) ?? [];
}

/** What of `plan` is missing on the host now (for adopt), in words for the log; [] when whole. */
export async function missingShaping(plan: ShapingPlan, bridge: string): Promise<string[]> {
  const missing: string[] = [];
  const hasHtb = (q: RawQdisc[]) => q.some((x) => x.kind === 'htb' && x.root === true && x.handle === '1:');
  const onBridge = await qdiscs(bridge);
  if (plan.inbound && !hasHtb(onBridge)) missing.push(`the inbound htb on ${bridge}`);
  if (plan.outbound) {
    const { ifb } = plan.outbound;
    if (!onBridge.some((x) => x.kind === 'ingress')) missing.push(`the ingress redirect of ${bridge}`);
    if (!(await linkNames()).has(ifb)) missing.push(`the ifb device ${ifb}`);
    else if (!hasHtb(await qdiscs(ifb))) missing.push(`the outbound htb on ${ifb}`);
  }
  return missing;
}

/** The ifb a half-started network on `bridge` may have left (thorough cleanup). */
export const possibleIfb = ifbName;
