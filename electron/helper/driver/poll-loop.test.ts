import { afterEach, describe, expect, it, vi } from 'vitest';
import { PollLoop } from './poll-loop';

afterEach(() => vi.useRealTimers());

describe('PollLoop', () => {
  it('runs a pass at once, then one per interval, never two at a time', async () => {
    vi.useFakeTimers();
    let inFlight = 0;
    let most = 0;
    let passes = 0;
    const loop = new PollLoop(
      100,
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        passes += 1;
        await new Promise((r) => setTimeout(r, 250)); // slower than the interval
        inFlight -= 1;
      },
      () => undefined,
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(1000);
    loop.stop();
    expect(most).toBe(1);
    // 0 ms start, then each pass takes 250 ms plus a 100 ms gap: 0, 350, 700.
    expect(passes).toBe(3);
  });

  it('reports a failed pass and goes on; stop ends the loop', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let passes = 0;
    const loop = new PollLoop(
      50,
      () => {
        passes += 1;
        return Promise.reject(new Error(`pass ${passes}`));
      },
      (err) => errors.push(err),
    );
    expect(loop.stopped).toBe(false);
    loop.start();
    await vi.advanceTimersByTimeAsync(120);
    loop.stop();
    expect(loop.stopped).toBe(true);
    const seen = passes;
    await vi.advanceTimersByTimeAsync(500);
    expect(passes).toBe(seen);
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1', 'pass 2', 'pass 3']);
  });

  it('a nudge runs a pass at once, or right after the one in flight; many nudges make one pass', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const loop = new PollLoop(
      10_000,
      async () => {
        starts.push(Date.now());
        await new Promise((r) => setTimeout(r, 100));
      },
      () => undefined,
    );
    const t0 = Date.now();
    loop.start();
    await vi.advanceTimersByTimeAsync(500); // the first pass ran and ended; the next is 10 s away
    expect(starts.map((t) => t - t0)).toEqual([0]);
    loop.nudge();
    loop.nudge();
    await vi.advanceTimersByTimeAsync(50); // a pass in flight now
    loop.nudge();
    loop.nudge();
    await vi.advanceTimersByTimeAsync(1000);
    // 500: the nudged pass; then one more right after it ends (600, and a timer's 1 ms), for
    // the nudges made during it, not 10 s later.
    const [, second, third] = starts.map((t) => t - t0);
    expect(starts).toHaveLength(3);
    expect(second).toBe(500);
    expect(third).toBeGreaterThanOrEqual(600);
    expect(third).toBeLessThan(610);
    loop.stop();
    loop.nudge();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(starts).toHaveLength(3);
  });
});
