import { describe, expect, it } from 'vitest';
import type { VnmEvent } from '../../../shared/rpc/contract';
import { EventBus } from './bus';
import { EventQueue } from './queue';

const stats = (seq: number): VnmEvent => ({ type: 'stats', seq, samples: [] });
const life = (seq: number, network = 'n'): VnmEvent => ({
  type: 'lifecycle',
  seq,
  event: 'started',
  network,
  detail: null,
});

describe('EventQueue', () => {
  it('drops the oldest stats first when full, never a lifecycle event', () => {
    const q = new EventQueue(3);
    expect(q.push(stats(1))).toBe(true);
    expect(q.push(life(2))).toBe(true);
    expect(q.push(stats(3))).toBe(true);
    expect(q.push(life(4))).toBe(true);
    expect(q.dropped).toBe(1);
    expect([q.shift(), q.shift(), q.shift()].map((e) => e?.seq)).toEqual([2, 3, 4]);
  });

  it('keeps only the newest few stats samples, however much room lifecycle events have', () => {
    const q = new EventQueue(100, 2);
    for (const seq of [1, 2, 3, 4]) q.push(stats(seq));
    q.push(life(5));
    q.push(stats(6));
    expect(q.dropped).toBe(3);
    expect(q.length).toBe(3);
    expect([q.shift(), q.shift(), q.shift(), q.shift()].map((e) => e?.seq)).toEqual([4, 5, 6, undefined]);
    // What was shifted no longer counts: two more samples fit again.
    q.push(stats(7));
    q.push(stats(8));
    expect(q.dropped).toBe(3);
  });

  it('says so when only lifecycle events are left to drop', () => {
    const q = new EventQueue(2);
    q.push(life(1));
    q.push(life(2));
    expect(q.push(stats(3))).toBe(true);
    expect(q.dropped).toBe(1);
    expect(q.push(life(4))).toBe(false);
  });
});

describe('EventBus', () => {
  it('numbers events and filters by type and network', () => {
    const bus = new EventBus();
    const got: VnmEvent[] = [];
    const off = bus.subscribe({ types: ['lifecycle'], networks: ['a'] }, (e) => got.push(e));
    bus.publish({ type: 'lifecycle', event: 'started', network: 'a', detail: null });
    bus.publish({ type: 'lifecycle', event: 'started', network: 'b', detail: null });
    bus.publish({ type: 'stats', samples: [] });
    off();
    bus.publish({ type: 'lifecycle', event: 'stopped', network: 'a', detail: null });
    expect(got.map((e) => e.seq)).toEqual([1]);
    expect(bus.subscriberCount).toBe(0);
  });
});
