import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CounterTable,
  ProcNetDevReader,
  RX_BYTES,
  RX_DROPPED,
  RX_ERRORS,
  RX_PACKETS,
  TX_BYTES,
  TX_DROPPED,
  TX_ERRORS,
  TX_PACKETS,
  parseProcNetDev,
} from './counters';

// The shape the kernel prints (net/core/net-procfs.c): two header lines, then "%6s:%8llu ...".
// A 15-character name leaves no space after the colon.
const SAMPLE = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    1200      12    0    0    0     0          0         0     1200      12    0    0    0     0       0          0
virbr0: 9007199254740000  700    1    2    0     0          0         3   800000     900    4    5    0     0       0          0
averyveryverylo:123 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18
`;

const parse = (text: string, table = new CounterTable()) => {
  const buf = Buffer.from(text, 'latin1');
  parseProcNetDev(buf, buf.length, table);
  return table;
};

describe('parseProcNetDev', () => {
  it('maps the kernel columns to rx/tx bytes, packets, errors and drops', () => {
    const t = parse(SAMPLE);
    expect([...t.byName.keys()]).toEqual(['lo', 'virbr0', 'averyveryverylo']);
    const v = t.get('virbr0')!;
    expect(v[RX_BYTES]).toBe(9007199254740000);
    expect([v[RX_PACKETS], v[RX_ERRORS], v[RX_DROPPED]]).toEqual([700, 1, 2]);
    expect([v[TX_BYTES], v[TX_PACKETS], v[TX_ERRORS], v[TX_DROPPED]]).toEqual([800000, 900, 4, 5]);
    const long = t.get('averyveryverylo')!;
    expect([long[RX_BYTES], long[RX_PACKETS], long[TX_BYTES], long[TX_DROPPED]]).toEqual([123, 4, 11, 14]);
  });

  it('updates vectors in place and drops interfaces that are gone', () => {
    const t = parse(SAMPLE);
    const lo = t.get('lo');
    parse(SAMPLE.replace(/^virbr0.*\n/m, '').replace('1200      12', '5000      50'), t);
    expect(t.get('lo')).toBe(lo);
    expect(t.get('lo')![RX_BYTES]).toBe(5000);
    expect(t.get('virbr0')).toBeUndefined();
    expect(t.changedWithin(1)).toBe(true);
    parse(SAMPLE.replace(/^virbr0.*\n/m, ''), t);
    expect(t.changedWithin(1)).toBe(false);
    expect(t.changedWithin(2)).toBe(true);
  });

  it('reuses the name strings of unchanged lines and notices renamed ones', () => {
    const t = parse(SAMPLE);
    parse(SAMPLE.replace('virbr0:', 'virbr1:'), t);
    expect(t.get('virbr1')).toBeDefined();
    expect(t.get('virbr0')).toBeUndefined();
  });
});

describe('ProcNetDevReader', () => {
  it("reads this namespace's /proc/net/dev, agreeing with sysfs for lo", () => {
    const t = new CounterTable();
    new ProcNetDevReader().read(t);
    const lo = t.get('lo');
    expect(lo).toBeDefined();
    // Read sysfs after /proc: counters only grow, so sysfs >= what /proc said.
    const sysRx = Number(readFileSync('/sys/class/net/lo/statistics/rx_bytes', 'latin1'));
    expect(sysRx).toBeGreaterThanOrEqual(lo![RX_BYTES]!);
  });

  it('grows its buffer when the file is larger than it', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `  vnet${i}: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16`);
    const path = join(tmpdir(), `vnm-stats-test-${process.pid}-procnetdev`);
    const text = SAMPLE + many.join('\n') + '\n';
    writeFileSync(path, text);
    try {
      const t = new CounterTable();
      new ProcNetDevReader(path).read(t);
      expect(t.byName.size).toBe(3 + 2000);
      expect(t.get('vnet1999')![TX_BYTES]).toBe(9);
    } finally {
      rmSync(path, { force: true });
    }
  });
});
