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
 * bytes/s), burst in kibibytes (tc's `kb`). peak becomes htb's ceil, as in libvirt.
 *
 * The bridge's inbound tree is libvirt's hierarchical one: class 1:1 holds the network's
 * whole limit, 1:2 under it takes all traffic no port's floor claims (htb's default), and each
 * network port with an inbound floor gets a class 1:N beside 1:2 (port-plan.ts). A port's own
 * average and its outbound are shaped on its device with the same flat tree (one class 1:1).
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
/** The htb class of a network's unclassified inbound traffic (libvirt's 1:2). */
export const DEFAULT_CLASS = '1:2';

/** FNV-1a as 8 hex digits: the same text always gives the same name, so destroy and adopt find it. */
export function nameHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The ifb device carrying a bridge's outbound traffic: `BRIDGE-ifb`, or a hash of a long name. */
export function ifbName(bridge: string): string {
  const plain = `${bridge}-ifb`;
  if (plain.length <= IFNAMSIZ) return plain;
  return `vnmifb${nameHash(bridge)}`;
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

/** A pfifo leaf of LEAF_LIMIT packets under `parent`. */
export function leafQdisc(dev: string, parent: string, handle: string): string[] {
  return [
    'qdisc',
    'add',
    'dev',
    dev,
    'parent',
    parent,
    'handle',
    handle,
    'pfifo',
    'limit',
    String(LEAF_LIMIT),
  ];
}

/** An htb root with one class for all traffic, and a pfifo leaf under it. */
function htbOn(dev: string, r: BandwidthRate): string[][] {
  return [
    ['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'htb', 'default', '1'],
    ['class', 'add', 'dev', dev, 'parent', '1:', 'classid', '1:1', 'htb', ...htbRate(r)],
    leafQdisc(dev, '1:1', '2:'),
  ];
}

/**
 * libvirt's hierarchical tree: 1:1 caps the whole (ceil peak, else average), 1:2 under it is
 * the default class for traffic no floor class claims. libvirt gives burst to 1:2 only; here
 * 1:1 has it too, or 1:1's own small default burst would hold the whole below the limit.
 */
function hierarchicalHtbOn(dev: string, r: BandwidthRate): string[][] {
  const average = r.average ?? 0;
  const ceil = Math.max(r.peak ?? average, average);
  const burst = r.burst !== undefined ? ['burst', `${r.burst}kb`] : [];
  return [
    ['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'htb', 'default', '2'],
    [
      'class',
      'add',
      'dev',
      dev,
      'parent',
      '1:',
      'classid',
      '1:1',
      'htb',
      'rate',
      `${average}kbps`,
      'ceil',
      `${ceil}kbps`,
      ...burst,
    ],
    ['class', 'add', 'dev', dev, 'parent', '1:1', 'classid', DEFAULT_CLASS, 'htb', ...htbRate(r)],
    leafQdisc(dev, DEFAULT_CLASS, '2:'),
  ];
}

export interface ShapingPlan {
  /** Shape the device's egress (towards guests). */
  readonly inbound: BandwidthRate | null;
  /** A bridge's tree, with room for floor classes (true), or a port device's single class. */
  readonly hierarchical: boolean;
  /** Shape the bridge's ingress (from guests) through this ifb device. */
  readonly outbound: { readonly rate: BandwidthRate; readonly ifb: string } | null;
}

/** A direction shapes something only with an average (a floor alone is a guarantee, not a limit). */
const limits = (r: BandwidthRate | undefined): r is BandwidthRate => r?.average !== undefined;

/** A network's shaping on its bridge. */
export function shapingPlan(bw: Bandwidth | undefined, bridge: string): ShapingPlan | null {
  return planOn(bw, ifbName(bridge), true);
}

/** Shaping with the given ifb for the outbound part; `hierarchical` as ShapingPlan says. */
export function planOn(bw: Bandwidth | undefined, ifb: string, hierarchical: boolean): ShapingPlan | null {
  const inbound = limits(bw?.inbound) ? bw.inbound : null;
  const outbound = limits(bw?.outbound) ? { rate: bw.outbound, ifb } : null;
  return inbound || outbound ? { inbound, hierarchical, outbound } : null;
}

/** The `ip` commands (creating the ifb) and `tc` commands, in order, that apply a plan. */
export function shapingCommands(plan: ShapingPlan, bridge: string): { ip: string[][]; tc: string[][] } {
  const ip: string[][] = [];
  const tc: string[][] = [];
  if (plan.inbound) tc.push(...(plan.hierarchical ? hierarchicalHtbOn : htbOn)(bridge, plan.inbound));
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
