import { describe, expect, it } from 'vitest';
import { StatsSample } from '../../shared/rpc/contract';
import type { Counters } from '../../shared/rpc/contract';
import { formatBitRate, formatBytes, formatSampleJson, formatSampleTable } from './stats-format';

const counters = (name: string, rx: number, tx: number, rxRate = 0, txRate = 0): Counters => ({
  name,
  rxBytes: rx,
  txBytes: tx,
  rxPackets: 1,
  txPackets: 2,
  rxErrors: 0,
  txErrors: 0,
  rxDropped: 0,
  txDropped: 0,
  rxBytesPerSec: rxRate,
  txBytesPerSec: txRate,
});

const sample: StatsSample = {
  network: 'default',
  time: Date.UTC(2026, 0, 2, 3, 4, 5),
  interval: 1,
  bridge: counters('virbr0', 2048, 4096, 125, 0),
  ports: [
    { ...counters('vnet1', 10, 20), mac: null, ip: null, hostname: null },
    {
      ...counters('vnet0', 1_500_000, 3000, 125_000, 1250),
      mac: '52:54:00:aa:bb:cc',
      ip: '10.0.0.5',
      hostname: 'g1',
    },
  ],
  total: counters('total', 1_500_010, 3020, 125_000, 1250),
};

const COUNTER_KEYS = [
  'name',
  'rxBytes',
  'txBytes',
  'rxPackets',
  'txPackets',
  'rxErrors',
  'txErrors',
  'rxDropped',
  'txDropped',
  'rxBytesPerSec',
  'txBytesPerSec',
];

/** The same value with every object's keys in reverse order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reverseKeys(x)]),
  );
}

describe('formatSampleJson', () => {
  it('prints one line in the documented key order, whatever order the sample had', () => {
    const reversed = reverseKeys(sample) as StatsSample;
    expect(Object.keys(reversed)[0]).toBe('total');
    const line = formatSampleJson(reversed);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['network', 'time', 'interval', 'bridge', 'ports', 'total']);
    expect(Object.keys(parsed.bridge as object)).toEqual(COUNTER_KEYS);
    expect(Object.keys(parsed.total as object)).toEqual(COUNTER_KEYS);
    for (const port of parsed.ports as object[]) {
      expect(Object.keys(port)).toEqual([...COUNTER_KEYS, 'mac', 'ip', 'hostname']);
    }
    expect(StatsSample.parse(parsed)).toEqual(sample);
  });
});

describe('formatBitRate / formatBytes', () => {
  it.each([
    [0, '0 bit/s'],
    [-5, '0 bit/s'],
    [124.875, '999 bit/s'],
    [125, '1.00 kbit/s'],
    [1250, '10.0 kbit/s'],
    [125_000, '1.00 Mbit/s'],
    [15_625_000, '125 Mbit/s'],
    [1.25e9, '10.0 Gbit/s'],
  ])('%d B/s is %s', (bytesPerSec, text) => expect(formatBitRate(bytesPerSec)).toBe(text));

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1_500_000, '1.43 MiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatSampleTable', () => {
  it('lists the bridge, the ports by name with what is known of them, then the total', () => {
    const lines = formatSampleTable(sample).split('\n');
    expect(lines[0]).toMatch(/^network default at \d\d:\d\d:\d\d, every 1 s$/);
    expect(lines[1]!.trim().split(/\s{2,}/)).toEqual([
      'Interface',
      'MAC',
      'IP',
      'Hostname',
      'RX rate',
      'TX rate',
      'RX total',
      'TX total',
    ]);
    expect(lines[2]).toMatch(/^-+$/);
    const cells = (l: string) => l.trim().split(/\s{2,}/);
    expect(cells(lines[3]!)).toEqual([
      'virbr0',
      '-',
      '-',
      '-',
      '1.00 kbit/s',
      '0 bit/s',
      '2.00 KiB',
      '4.00 KiB',
    ]);
    expect(cells(lines[4]!)).toEqual([
      'vnet0',
      '52:54:00:aa:bb:cc',
      '10.0.0.5',
      'g1',
      '1.00 Mbit/s',
      '10.0 kbit/s',
      '1.43 MiB',
      '2.93 KiB',
    ]);
    expect(cells(lines[5]!)).toEqual(['vnet1', '-', '-', '-', '0 bit/s', '0 bit/s', '10 B', '20 B']);
    expect(cells(lines[6]!)).toEqual(['total', '1.00 Mbit/s', '10.0 kbit/s', '1.43 MiB', '2.95 KiB']);
    expect(lines.slice(7)).toEqual(['', '']);
  });
});
