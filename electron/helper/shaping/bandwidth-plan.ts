/**
 * A network's <bandwidth> as tc commands, the way libvirt shapes a network's bridge
 * (virNetDevBandwidthSet with swapped directions): <inbound> is traffic towards the guests,
 * which leaves the host through the bridge's egress, so it is an htb class on the bridge's
 * root; <outbound> is traffic from the guests, which enters the host at the bridge's ingress.
 * libvirt polices ingress (`police`), which this kernel lacks, and a policer drops rather
 * than queues; vnm redirects the bridge's ingress to an ifb device and shapes that device's
 * egress with htb instead, so both directions are shaped alike.
 *
 * Units are libvirt's: average, peak and floor in kilobytes per second (tc's `kbps`, 1000
 * bytes/s), burst in kibibytes (tc's `kb`). peak becomes htb's ceil, as in libvirt. floor
 * needs a class per guest port under the network's class; vnm plugs no guests in, so a floor
 * is refused (validation refuses it on a network, as libvirt does; unapplicable.ts says so at
 * start for a hand-written definition).
 *
 * Leaf: libvirt puts sfq under its class; this kernel has neither sfq nor fq_codel, so the
 * leaf is a plain pfifo with a short queue (sfq's own limit is 127 packets). htb's default
 * leaf would be a pfifo sized by the device's txqueuelen, which is 32 on an ifb.
 *
 * Pure: shaping.ts runs the commands.
 */
import type { Bandwidth, BandwidthRate } from '../../../shared/model/network';

/** Packets the leaf queue holds before it drops (sfq's default limit, rounded). */
export const LEAF_LIMIT = 128;
const IFNAMSIZ = 15;

/** The ifb device carrying a bridge's outbound traffic: `BRIDGE-ifb`, or a hash of a long name. */
export function ifbName(bridge: string): string {
  const plain = `${bridge}-ifb`;
  if (plain.length <= IFNAMSIZ) return plain;
  // FNV-1a: the same bridge always gives the same name, so destroy and adopt find it.
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(bridge)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return `vnmifb${h.toString(16).padStart(8, '0')}`;
}

/** htb's rate arguments for one direction. */
export function htbRate(r: BandwidthRate): string[] {
  const average = r.average ?? 0;
  const args = ['rate', `${average}kbps`];
  // htb refuses a ceil below the rate; libvirt's validation does not stop peak < average.
  if (r.peak !== undefined) args.push('ceil', `${Math.max(r.peak, average)}kbps`);
  if (r.burst !== undefined) args.push('burst', `${r.burst}kb`);
  return args;
}

/** An htb root with one class for all traffic, and a pfifo leaf under it. */
function htbOn(dev: string, r: BandwidthRate): string[][] {
  return [
    ['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'htb', 'default', '1'],
    ['class', 'add', 'dev', dev, 'parent', '1:', 'classid', '1:1', 'htb', ...htbRate(r)],
    ['qdisc', 'add', 'dev', dev, 'parent', '1:1', 'handle', '2:', 'pfifo', 'limit', String(LEAF_LIMIT)],
  ];
}

export interface ShapingPlan {
  /** Shape the bridge's egress (towards guests). */
  readonly inbound: BandwidthRate | null;
  /** Shape the bridge's ingress (from guests) through this ifb device. */
  readonly outbound: { readonly rate: BandwidthRate; readonly ifb: string } | null;
}

/** A direction shapes something only with an average (a floor alone is a guarantee, not a limit). */
const limits = (r: BandwidthRate | undefined): r is BandwidthRate => r?.average !== undefined;

export function shapingPlan(bw: Bandwidth | undefined, bridge: string): ShapingPlan | null {
  const inbound = limits(bw?.inbound) ? bw.inbound : null;
  const outbound = limits(bw?.outbound) ? { rate: bw.outbound, ifb: ifbName(bridge) } : null;
  return inbound || outbound ? { inbound, outbound } : null;
}

/** The `ip` commands (creating the ifb) and `tc` commands, in order, that apply a plan. */
export function shapingCommands(plan: ShapingPlan, bridge: string): { ip: string[][]; tc: string[][] } {
  const ip: string[][] = [];
  const tc: string[][] = [];
  if (plan.inbound) tc.push(...htbOn(bridge, plan.inbound));
  if (plan.outbound) {
    const { ifb, rate } = plan.outbound;
    ip.push(['link', 'add', ifb, 'type', 'ifb'], ['link', 'set', 'dev', ifb, 'up']);
    tc.push(...htbOn(ifb, rate));
    tc.push(['qdisc', 'add', 'dev', bridge, 'handle', 'ffff:', 'ingress']);
    tc.push([
      'filter',
      'add',
      'dev',
      bridge,
      'parent',
      'ffff:',
      'protocol',
      'all',
      'u32',
      'match',
      'u32',
      '0',
      '0',
      'action',
      'mirred',
      'egress',
      'redirect',
      'dev',
      ifb,
    ]);
  }
  return { ip, tc };
}
