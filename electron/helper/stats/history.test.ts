import { describe, expect, it } from 'vitest';
import { StatsSample, type Counters, type PortCounters } from '../../../shared/rpc/contract';
import { NetworkHistory, historyCapacity } from './history';
import { totalOf } from './sample-shape';

function counters(name: string, n: number): Counters {
  return {
    name,
    rxBytes: n * 1000,
    txBytes: n * 2000,
    rxPackets: n,
    txPackets: 2 * n,
    rxErrors: 0,
    txErrors: 1,
    rxDropped: 2,
    txDropped: 3,
    rxBytesPerSec: n + 0.5,
    txBytesPerSec: n + 0.25,
  };
}

function port(name: string, n: number, mac: string | null = null): PortCounters {
  return { ...counters(name, n), mac, ip: mac ? '10.0.0.5' : null, hostname: mac ? 'guest' : null };
}

function sample(i: number, ports: PortCounters[]): StatsSample {
  return {
    network: 'default',
    time: i * 1000,
    interval: 1,
    bridge: counters('virbr0', i),
    ports,
    total: totalOf(ports),
  };
}

describe('historyCapacity', () => {
  it('keeps at least 10 minutes: 600 rows at 1 s and above, 1200 at 0.5 s', () => {
    expect([historyCapacity(0.5), historyCapacity(1), historyCapacity(2), historyCapacity(60)]).toEqual([
      1200, 600, 600, 600,
    ]);
  });
});

describe('NetworkHistory', () => {
  it('returns exactly what was pushed, oldest first, and valid per the contract', () => {
    const h = new NetworkHistory('default', 10);
    const pushed = [1, 2, 3].map((i) =>
      sample(i, [port('vnet0', i, '52:54:00:00:00:01'), port('vnet1', 2 * i)]),
    );
    pushed.forEach((s) => h.push(s));
    const got = h.samples(0);
    expect(got).toEqual(pushed);
    for (const s of got) expect(StatsSample.safeParse(s).success).toBe(true);
  });

  it('is bounded: wraps around keeping the newest rows', () => {
    const h = new NetworkHistory('default', 5);
    for (let i = 1; i <= 12; i++) h.push(sample(i, [port('vnet0', i)]));
    expect(h.size).toBe(5);
    expect(h.samples(0).map((s) => s.time)).toEqual([8000, 9000, 10000, 11000, 12000]);
  });

  it('serves only the requested window', () => {
    const h = new NetworkHistory('default', 100);
    for (let i = 1; i <= 20; i++) h.push(sample(i, []));
    expect(h.samples(15_000).map((s) => s.time)).toEqual([15000, 16000, 17000, 18000, 19000, 20000]);
  });

  it('follows ports coming, going and changing MAC, row by row', () => {
    const h = new NetworkHistory('default', 10, 1);
    const rows = [
      sample(1, [port('vnet0', 1)]),
      sample(2, [port('vnet0', 2, '52:54:00:00:00:01'), port('vnet1', 2), port('vnet2', 2)]),
      sample(3, [port('vnet2', 3, '52:54:00:00:00:09')]),
    ];
    rows.forEach((s) => h.push(s));
    expect(h.samples(0)).toEqual(rows);
  });

  it('resize keeps the newest rows, oldest first', () => {
    const h = new NetworkHistory('default', 8);
    for (let i = 1; i <= 11; i++) h.push(sample(i, [port('vnet0', i)]));
    h.resize(3);
    expect(h.samples(0).map((s) => s.time)).toEqual([9000, 10000, 11000]);
    h.resize(6);
    h.push(sample(12, [port('vnet0', 12)]));
    expect(h.samples(0).map((s) => s.time)).toEqual([9000, 10000, 11000, 12000]);
  });
});
