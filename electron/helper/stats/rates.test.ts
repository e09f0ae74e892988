import { describe, expect, it } from 'vitest';
import { COUNTER_FIELDS, RX_BYTES, RX_PACKETS, TX_BYTES } from './counters';
import { RateTracker } from './rates';

/** A counter vector with rx/tx bytes set and packets rising with them. */
function vec(rx: number, tx: number): Float64Array {
  const v = new Float64Array(COUNTER_FIELDS);
  v[RX_BYTES] = rx;
  v[TX_BYTES] = tx;
  v[RX_PACKETS] = Math.floor(rx / 100);
  return v;
}

function feed(t: RateTracker, name: string, v: Float64Array, ms: number) {
  t.beginTick();
  const s = t.update(name, v, ms);
  t.sweep();
  return { rx: s.rxPerSec, tx: s.txPerSec, restarted: s.restarted, reset: s.countersReset };
}

describe('RateTracker', () => {
  it('gives 0 for a new interface, then delta over elapsed time', () => {
    const t = new RateTracker();
    expect(feed(t, 'vnet0', vec(1000, 500), 0)).toEqual({ rx: 0, tx: 0, restarted: true, reset: false });
    expect(feed(t, 'vnet0', vec(3000, 1500), 500)).toEqual({
      rx: 4000,
      tx: 2000,
      restarted: false,
      reset: false,
    });
    expect(feed(t, 'vnet0', vec(3000, 1500), 1500)).toEqual({ rx: 0, tx: 0, restarted: false, reset: false });
  });

  it('restarts the baseline when any counter goes backwards, never giving a negative rate', () => {
    const t = new RateTracker();
    feed(t, 'vnet0', vec(5_000_000, 5_000_000), 0);
    feed(t, 'vnet0', vec(6_000_000, 6_000_000), 1000);
    // Deleted and re-created: counters start again near zero.
    expect(feed(t, 'vnet0', vec(1200, 300), 2000)).toEqual({ rx: 0, tx: 0, restarted: true, reset: true });
    expect(feed(t, 'vnet0', vec(2200, 800), 3000)).toEqual({
      rx: 1000,
      tx: 500,
      restarted: false,
      reset: false,
    });
    // Only packets went backwards (bytes grew): still a reset.
    const odd = vec(9000, 900);
    odd[RX_PACKETS] = 0;
    expect(feed(t, 'vnet0', odd, 4000).reset).toBe(true);
  });

  it('restarts after the interface was missing for a tick (port left and came back)', () => {
    const t = new RateTracker();
    feed(t, 'vnet0', vec(100, 100), 0);
    t.beginTick();
    t.sweep(); // a tick without vnet0
    expect(t.size).toBe(0);
    expect(feed(t, 'vnet0', vec(9_000_000, 100), 2000)).toEqual({
      rx: 0,
      tx: 0,
      restarted: true,
      reset: false,
    });
  });

  it('gives 0, not Infinity, when no time passed', () => {
    const t = new RateTracker();
    feed(t, 'vnet0', vec(100, 100), 1000);
    const r = feed(t, 'vnet0', vec(200, 200), 1000);
    expect([r.rx, r.tx]).toEqual([0, 0]);
  });

  it('reset() forgets every baseline', () => {
    const t = new RateTracker();
    feed(t, 'vnet0', vec(100, 100), 0);
    t.reset();
    expect(feed(t, 'vnet0', vec(90_000, 100), 100_000).restarted).toBe(true);
  });
});
