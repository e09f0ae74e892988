import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Findings, VnmEvent } from '../../../shared/rpc/contract';
import { EventBus } from '../events/bus';
import { FindingsKeeper } from './keeper';

const healthy = (checkedAt: number): Findings => ({ host: [], networks: [], checkedAt });
const broken = (checkedAt: number): Findings => ({
  host: [{ id: 'ipv4-forwarding', status: 'fail', summary: 'IPv4 forwarding is off.', fix: null }],
  networks: [],
  checkedAt,
});

/** A keeper over a real bus whose reads return what the test queues (the host is not read here). */
function setup(results: Findings[]) {
  const bus = new EventBus();
  const published: Findings[] = [];
  bus.subscribe({ types: ['findings'], networks: null }, (e: VnmEvent) => {
    if (e.type === 'findings') published.push(e.findings);
  });
  let reads = 0;
  const read = vi.fn(() => {
    reads++;
    return Promise.resolve(results[Math.min(reads, results.length) - 1]!);
  });
  const keeper = new FindingsKeeper({ read, bus, log: () => undefined, debounceMs: 100 });
  const lifecycle = (event: 'started' | 'stopped' | 'defined') =>
    bus.publish({ type: 'lifecycle', event, network: 'n', detail: null });
  return { bus, keeper, read, published, lifecycle };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('FindingsKeeper', () => {
  it('reads at start, then after a lifecycle change, and publishes only what changed (checkedAt aside)', async () => {
    const t = setup([healthy(1), healthy(2), broken(3), broken(4)]);
    t.keeper.start();
    await vi.runAllTimersAsync();
    expect(t.published).toEqual([healthy(1)]);
    t.lifecycle('started');
    await vi.runAllTimersAsync();
    expect(t.read).toHaveBeenCalledTimes(2);
    expect(t.published).toHaveLength(1);
    t.lifecycle('stopped');
    await vi.runAllTimersAsync();
    expect(t.published).toEqual([healthy(1), broken(3)]);
    // "defined" changes nothing a running network shows: no read.
    t.lifecycle('defined');
    await vi.runAllTimersAsync();
    expect(t.read).toHaveBeenCalledTimes(3);
    t.keeper.stop();
  });

  it('debounces a burst of events into one read', async () => {
    const t = setup([healthy(1)]);
    t.keeper.start();
    await vi.runAllTimersAsync();
    for (let i = 0; i < 5; i++) {
      t.lifecycle('started');
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.runAllTimersAsync();
    expect(t.read).toHaveBeenCalledTimes(2);
    t.keeper.stop();
  });

  it('answers from the last read unless refresh is asked', async () => {
    const t = setup([healthy(1), broken(2)]);
    expect(await t.keeper.current(false)).toEqual(healthy(1));
    expect(await t.keeper.current(false)).toEqual(healthy(1));
    expect(t.read).toHaveBeenCalledTimes(1);
    expect(await t.keeper.current(true)).toEqual(broken(2));
    expect(t.published).toEqual([healthy(1), broken(2)]);
  });

  it('never overlaps reads: requests during a read share one read after it', async () => {
    const t = setup([healthy(1)]);
    let release!: () => void;
    t.read.mockImplementationOnce(
      () => new Promise<Findings>((resolve) => (release = () => resolve(broken(9)))),
    );
    const first = t.keeper.refresh();
    await Promise.resolve();
    const second = t.keeper.refresh();
    const third = t.keeper.refresh();
    expect(second).toBe(third);
    expect(t.read).toHaveBeenCalledTimes(1);
    release();
    expect(await first).toEqual(broken(9));
    await second;
    expect(t.read).toHaveBeenCalledTimes(2);
  });
});
