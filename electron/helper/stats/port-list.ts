/**
 * The ports of one bridge, re-listed only when they may have changed.
 *
 * Listing brif/ is the costliest part of a tick (about 13-30 µs per bridge: open, getdents,
 * close), so it is done: on a network's first tick; for a few seconds after any interface
 * of the namespace appeared or disappeared (a new tap or veth is usually enslaved right after
 * it is made); after a port or the bridge reset its counters (re-created); and otherwise every
 * PORT_RESCAN_SEC, staggered across networks. So a port moved between bridges without being
 * re-created is seen within PORT_RESCAN_SEC; a deleted port vanishes at once, because its
 * counters do.
 */
import { compareNames, readBridgePortsUnsorted } from './bridge-ports';

export const PORT_RESCAN_SEC = 30;
/** How long after an interface appears its bridge membership is watched every tick. */
export const CHANGE_WATCH_SEC = 3;

export class PortList {
  private raw: readonly string[] = [];
  private sorted: readonly string[] = [];
  private listed = false;
  private rescanNext = false;

  /** `offset` staggers the periodic re-listing of different networks over the ticks. */
  constructor(private readonly offset: number) {}

  /** Ask for a re-listing on the next tick (a port or the bridge was re-created). */
  markSuspect(): void {
    this.rescanNext = true;
  }

  /** The bridge's ports, sorted (vnet2 before vnet10). */
  ports(
    bridge: string,
    tick: number,
    everyTicks: number,
    recentChange: boolean,
    sysNet?: string,
  ): readonly string[] {
    const due = !this.listed || this.rescanNext || recentChange || (tick + this.offset) % everyTicks === 0;
    if (!due) return this.sorted;
    this.listed = true;
    this.rescanNext = false;
    const raw = readBridgePortsUnsorted(bridge, sysNet);
    if (!sameList(raw, this.raw)) {
      this.raw = raw;
      this.sorted = [...raw].sort(compareNames);
    }
    return this.sorted;
  }
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
