import { describe, expect, it } from 'vitest';
import type { StatsSample, VnmEvent } from '../../../shared/rpc/contract';
import { describeEvent, formatTimestamp, parseTimeout, stamped } from './event';

const counters = (name: string, rate: number) => ({
  name,
  rxBytes: 0,
  txBytes: 0,
  rxPackets: 0,
  txPackets: 0,
  rxErrors: 0,
  txErrors: 0,
  rxDropped: 0,
  txDropped: 0,
  rxBytesPerSec: rate,
  txBytesPerSec: rate / 2,
});
const sample = (network: string, rate: number): StatsSample => ({
  network,
  time: 0,
  interval: 1,
  bridge: counters('br', 0),
  ports: [{ ...counters('p', rate), mac: null, ip: null, hostname: null }],
  total: counters('total', rate),
});

describe('describeEvent', () => {
  it('prints lifecycle events as virsh does', () => {
    const e = { type: 'lifecycle', seq: 1, event: 'started', network: 'n', detail: null } as const;
    expect(describeEvent(e, null)).toBe("event 'lifecycle' for network n: Started\n");
  });

  it('prints a line per sample of the network asked for, nothing for other networks', () => {
    const e: VnmEvent = { type: 'stats', seq: 2, samples: [sample('a', 125), sample('b', 0)] };
    expect(describeEvent(e, 'a')).toBe(
      "event 'stats' for network a: 1 port(s), rx 1.00 kbit/s, tx 500 bit/s\n",
    );
    expect(describeEvent(e, 'c')).toBe('');
    expect(describeEvent(e, null).split('\n')).toHaveLength(3);
  });

  it('names leases and host interface changes', () => {
    expect(describeEvent({ type: 'leases', seq: 3, network: 'n' }, null)).toBe(
      "event 'leases' for network n: leases changed\n",
    );
    expect(describeEvent({ type: 'interfaces', seq: 4 }, 'n')).toBe(
      "event 'interfaces': host interfaces changed\n",
    );
  });
});

describe('net-event options, as virsh 9.0', () => {
  it('stamps each line with UTC time to the millisecond', () => {
    const at = new Date(Date.UTC(2026, 11, 6, 9, 5, 7, 42));
    expect(formatTimestamp(at)).toBe('2026-12-06 09:05:07.042+0000');
    expect(stamped('a\nb\n', at)).toBe('2026-12-06 09:05:07.042+0000: a\n2026-12-06 09:05:07.042+0000: b\n');
    expect(stamped('a\n', null)).toBe('a\n');
  });

  it('takes a timeout of whole seconds only', () => {
    expect(parseTimeout(undefined)).toBeNull();
    expect(parseTimeout('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'x']) expect(() => parseTimeout(bad)).toThrow(/whole number/);
  });
});
