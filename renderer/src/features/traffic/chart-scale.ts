/**
 * The arithmetic of the traffic chart: "nice" rate ticks (1, 2 or 5 times a power of ten, in
 * bits/s, as a person reads a scale) and evenly spaced time ticks. Pure, so it is unit-tested.
 */

/** Ticks from 0 to a nice maximum at or above `max` (bytes/s), `count` steps at most. */
export function rateTicks(maxBytesPerSec: number, count = 4): number[] {
  const maxBits = Math.max(maxBytesPerSec * 8, 8);
  const rough = maxBits / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v < maxBits + step / 2; v += step) ticks.push(v / 8);
  if ((ticks.at(-1) ?? 0) * 8 < maxBits) ticks.push((ticks.length * step) / 8);
  return ticks;
}

/** About `count` times between `from` and `to` (epoch ms) on whole multiples of a round step. */
export function timeTicks(from: number, to: number, count = 5): number[] {
  const span = Math.max(to - from, 1);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= count) ?? 600_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** An SVG path through the points, x and y already in the chart's coordinates. */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${xs[i]!.toFixed(1)},${ys[i]!.toFixed(1)}`;
  return d;
}
