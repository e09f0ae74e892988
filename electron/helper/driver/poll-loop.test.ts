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
});
