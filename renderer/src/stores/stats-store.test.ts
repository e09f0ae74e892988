import { describe, expect, it } from 'vitest';
import type { StatsSample } from '@shared/rpc/contract';
import { RingBuffer } from './ring-buffer';
import { HISTORY_POINTS, StatsStore } from './stats-store';

const counters = (name: string, rx: number, tx: number) => ({
  name,
  rxBytes: 0,
  txBytes: 0,
  rxPackets: 0,
  txPackets: 0,
  rxErrors: 0,
  txErrors: 0,
  rxDropped: 0,
  txDropped: 0,
  rxBytesPerSec: rx,
  txBytesPerSec: tx,
});
const sample = (network: string, time: number, rx: number, tx: number): StatsSample => ({
  network,
  time,
  interval: 1,
  bridge: counters('virbr0', 1, 1),
  ports: [],
  total: counters('total', rx, tx),
});

describe('RingBuffer', () => {
  it('keeps the newest values, oldest first', () => {
    const r = new RingBuffer(3);
    [1, 2, 3, 4, 5].forEach((v) => r.push(v));
    expect(r.tail()).toEqual([3, 4, 5]);
    expect(r.tail(2)).toEqual([4, 5]);
    expect(r.last()).toBe(5);
    r.clear();
    expect(r.length).toBe(0);
    expect(r.last()).toBeUndefined();
  });
});

describe('StatsStore', () => {
  it('records each network and the aggregate, and notifies once per event', () => {
    const s = new StatsStore();
    let notified = 0;
    s.subscribe(() => notified++);
    s.ingest([sample('a', 1000, 10, 20), sample('b', 1000, 1, 2)]);
    expect(notified).toBe(1);
    expect(s.seriesOf('a')?.rx.tail()).toEqual([10]);
    expect(s.aggregate.rx.tail()).toEqual([11]);
    expect(s.aggregate.tx.tail()).toEqual([22]);
    expect(s.latestOf('b')?.total.txBytesPerSec).toBe(2);
  });

  it('puts history before live samples without duplicating them', () => {
    const s = new StatsStore();
    s.ingest([sample('a', 3000, 3, 3)]);
    s.loadHistory('a', [sample('a', 1000, 1, 1), sample('a', 2000, 2, 2), sample('a', 3000, 3, 3)]);
    expect(s.seriesOf('a')?.time.tail()).toEqual([1000, 2000, 3000]);
    expect(s.seriesOf('a')?.rx.tail()).toEqual([1, 2, 3]);
  });

  it('stays bounded, and forgets a stopped network', () => {
    const s = new StatsStore();
    for (let i = 0; i < HISTORY_POINTS + 50; i++) s.ingest([sample('a', i * 1000, i, i)]);
    expect(s.seriesOf('a')?.time.length).toBe(HISTORY_POINTS);
    expect(s.seriesOf('a')?.rx.last()).toBe(HISTORY_POINTS + 49);
    s.forget('a');
    expect(s.seriesOf('a')).toBeUndefined();
    expect(s.latestOf('a')).toBeUndefined();
  });
});
