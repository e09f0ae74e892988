import { describe, expect, it } from 'vitest';
import { linePath, rateTicks, timeTicks } from './chart-scale';

describe('rateTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten in bits/s, covering the maximum', () => {
    // 300 kB/s = 2.4 Mbit/s: a quarter is 0.6 Mbit/s, rounded up to 1 Mbit/s; 3 Mbit/s covers it.
    const ticks = rateTicks(300_000).map((b) => b * 8);
    expect(ticks).toEqual([0, 1_000_000, 2_000_000, 3_000_000]);
    expect(rateTicks(125).map((b) => b * 8)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('gives a scale even when there is no traffic', () => {
    expect(rateTicks(0).map((b) => b * 8)).toEqual([0, 2, 4, 6, 8]);
  });
});

describe('timeTicks', () => {
  it('puts ticks on round times inside the span', () => {
    const from = Date.UTC(2026, 0, 1, 10, 0, 7);
    const ticks = timeTicks(from, from + 5 * 60_000);
    expect(ticks[0]).toBe(Date.UTC(2026, 0, 1, 10, 1, 0));
    expect(ticks.every((t, i) => i === 0 || t - ticks[i - 1]! === 60_000)).toBe(true);
    expect(ticks.at(-1)).toBeLessThanOrEqual(from + 5 * 60_000);
  });
});

describe('linePath', () => {
  it('moves to the first point and draws to the rest', () => {
    expect(linePath([0, 10, 20], [5, 0, 2.25])).toBe('M0.0,5.0L10.0,0.0L20.0,2.3');
  });
});
