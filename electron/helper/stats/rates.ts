/**
 * Byte rates from counter deltas, per interface name.
 *
 * A rate is only ever computed between two reads of the same live counters. When any counter
 * is lower than at the previous read (the interface was deleted and re-created under the same
 * name, or a driver reset or wrapped its counters), or the interface is new, the baseline
 * restarts and the rate is 0 for that tick: never negative, never a huge number. An interface
 * re-created between two reads whose new counters all exceed the old ones yields a rate
 * between 0 and its true rate (new - old < new), so it cannot be absurd either.
 */
import { COUNTER_FIELDS, RX_BYTES, TX_BYTES } from './counters';

/** The rate state of one interface; the sampler reads rxPerSec/txPerSec after `update`. */
export interface RateState {
  readonly prev: Float64Array;
  prevTimeMs: number;
  seenTick: number;
  /** True when this tick's update restarted the baseline (new interface, reset counters, gap). */
  restarted: boolean;
  /** True when a counter went backwards this tick: the interface was re-created or reset. */
  countersReset: boolean;
  rxPerSec: number;
  txPerSec: number;
}

export class RateTracker {
  private readonly byName = new Map<string, RateState>();
  private tick = 0;

  /** Call once per sampling tick, before the `update`s of that tick. */
  beginTick(): void {
    this.tick++;
  }

  /** Feed the counters read at `nowMs` (monotonic); returns the state holding the rates. */
  update(name: string, counters: Float64Array, nowMs: number): RateState {
    let s = this.byName.get(name);
    if (s === undefined) {
      s = {
        prev: new Float64Array(COUNTER_FIELDS),
        prevTimeMs: nowMs,
        seenTick: this.tick,
        restarted: true,
        countersReset: false,
        rxPerSec: 0,
        txPerSec: 0,
      };
      s.prev.set(counters);
      this.byName.set(name, s);
      return s;
    }
    if (s.seenTick === this.tick) return s; // already fed this tick (a port listed twice)
    const dtSec = (nowMs - s.prevTimeMs) / 1000;
    s.countersReset = wentBackwards(s.prev, counters);
    if (s.countersReset || !(dtSec > 0) || s.seenTick !== this.tick - 1) {
      // Reset, clock oddity, or a gap (the interface was missing for a tick or more).
      s.restarted = true;
      s.rxPerSec = 0;
      s.txPerSec = 0;
    } else {
      s.restarted = false;
      s.rxPerSec = (counters[RX_BYTES]! - s.prev[RX_BYTES]!) / dtSec;
      s.txPerSec = (counters[TX_BYTES]! - s.prev[TX_BYTES]!) / dtSec;
    }
    s.prev.set(counters);
    s.prevTimeMs = nowMs;
    s.seenTick = this.tick;
    return s;
  }

  /** Forget interfaces not fed this tick, so a name that comes back starts a fresh baseline. */
  sweep(): void {
    for (const [name, s] of this.byName) if (s.seenTick !== this.tick) this.byName.delete(name);
  }

  /** Forget every baseline (sampling resumed after a pause: a rate over the pause would mislead). */
  reset(): void {
    this.byName.clear();
  }

  get size(): number {
    return this.byName.size;
  }
}

function wentBackwards(prev: Float64Array, cur: Float64Array): boolean {
  for (let i = 0; i < COUNTER_FIELDS; i++) if (cur[i]! < prev[i]!) return true;
  return false;
}
