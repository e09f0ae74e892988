import { describe, expect, it } from 'vitest';
import { compareNames, guestMacs, parseBrforward, type FdbEntry } from './bridge-ports';

/** One `struct __fdb_entry` as the kernel lays it out (16 bytes, little-endian timer). */
function fdbEntry(mac: string, portNo: number, isLocal: boolean, ageTicks: number): Buffer {
  const b = Buffer.alloc(16);
  mac.split(':').forEach((h, i) => (b[i] = Number.parseInt(h, 16)));
  b[6] = portNo & 0xff;
  b[7] = isLocal ? 1 : 0;
  b.writeUInt32LE(ageTicks, 8);
  b[12] = portNo >> 8;
  return b;
}

describe('parseBrforward', () => {
  it('keeps learned entries, skips local ones, and joins the port number halves', () => {
    const buf = Buffer.concat([
      fdbEntry('fe:54:00:aa:bb:cc', 1, true, 0),
      fdbEntry('52:54:00:12:34:56', 1, false, 250),
      fdbEntry('52:54:00:ab:cd:ef', 0x102, false, 7),
      Buffer.alloc(5), // a torn trailing entry is ignored
    ]);
    expect(parseBrforward(buf, buf.length)).toEqual([
      { mac: '52:54:00:12:34:56', portNo: 1, ageSec: 2.5 },
      { mac: '52:54:00:ab:cd:ef', portNo: 0x102, ageSec: 0.07 },
    ]);
  });
});

describe('guestMacs', () => {
  const ports = new Map([
    ['vnet0', 1],
    ['vnet1', 2],
    ['vnet2', 3],
  ]);

  it('prefers a MAC that holds a lease, else the most recently seen, per port', () => {
    const entries: FdbEntry[] = [
      { mac: '52:54:00:00:00:01', portNo: 1, ageSec: 1 },
      { mac: '52:54:00:00:00:02', portNo: 1, ageSec: 50 }, // older but leased
      { mac: '52:54:00:00:00:03', portNo: 2, ageSec: 9 },
      { mac: '52:54:00:00:00:04', portNo: 2, ageSec: 3 },
      { mac: '52:54:00:00:00:05', portNo: 9, ageSec: 3 }, // a port that is not ours
    ];
    const leased = new Set(['52:54:00:00:00:02']);
    const macs = guestMacs(entries, ports, (m) => leased.has(m));
    expect(Object.fromEntries(macs)).toEqual({ vnet0: '52:54:00:00:00:02', vnet1: '52:54:00:00:00:04' });
  });
});

describe('compareNames', () => {
  it('sorts numbered interfaces numerically', () => {
    expect(['vnet10', 'vnet2', 'vnet1', 'eth0'].sort(compareNames)).toEqual([
      'eth0',
      'vnet1',
      'vnet2',
      'vnet10',
    ]);
  });
});
