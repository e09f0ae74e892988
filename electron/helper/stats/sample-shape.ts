/**
 * The numeric layout of one counter block (`Counters` minus its name) in a Float64Array,
 * shared by the sampler and the history ring: rxBytes, txBytes, rxPackets, txPackets,
 * rxErrors, txErrors, rxDropped, txDropped, rxBytesPerSec, txBytesPerSec; and the network
 * total. Fields are written one by one, not through a key loop: this runs 100s of times a tick.
 */
import type { Counters, PortCounters } from '../../../shared/rpc/contract';

/** Name of the `total` block of a sample. */
export const TOTAL_NAME = 'total';

/** Doubles per counter block. */
export const BLOCK_SIZE = 10;

export function writeBlock(data: Float64Array, at: number, c: Counters): void {
  data[at] = c.rxBytes;
  data[at + 1] = c.txBytes;
  data[at + 2] = c.rxPackets;
  data[at + 3] = c.txPackets;
  data[at + 4] = c.rxErrors;
  data[at + 5] = c.txErrors;
  data[at + 6] = c.rxDropped;
  data[at + 7] = c.txDropped;
  data[at + 8] = c.rxBytesPerSec;
  data[at + 9] = c.txBytesPerSec;
}

export function readBlock(data: Float64Array, at: number, name: string): Counters {
  return {
    name,
    rxBytes: data[at]!,
    txBytes: data[at + 1]!,
    rxPackets: data[at + 2]!,
    txPackets: data[at + 3]!,
    rxErrors: data[at + 4]!,
    txErrors: data[at + 5]!,
    rxDropped: data[at + 6]!,
    txDropped: data[at + 7]!,
    rxBytesPerSec: data[at + 8]!,
    txBytesPerSec: data[at + 9]!,
  };
}

/**
 * The network's total: the sum over its ports (bridge excluded: host traffic already passes
 * through a port on its way to or from a guest). Its counters drop when a port leaves; its
 * rates are the sum of the ports' rates, so they never go negative.
 */
export function totalOf(ports: readonly PortCounters[]): Counters {
  const t: Counters = {
    name: TOTAL_NAME,
    rxBytes: 0,
    txBytes: 0,
    rxPackets: 0,
    txPackets: 0,
    rxErrors: 0,
    txErrors: 0,
    rxDropped: 0,
    txDropped: 0,
    rxBytesPerSec: 0,
    txBytesPerSec: 0,
  };
  for (const p of ports) {
    t.rxBytes += p.rxBytes;
    t.txBytes += p.txBytes;
    t.rxPackets += p.rxPackets;
    t.txPackets += p.txPackets;
    t.rxErrors += p.rxErrors;
    t.txErrors += p.txErrors;
    t.rxDropped += p.rxDropped;
    t.txDropped += p.txDropped;
    t.rxBytesPerSec += p.rxBytesPerSec;
    t.txBytesPerSec += p.txBytesPerSec;
  }
  return t;
}
