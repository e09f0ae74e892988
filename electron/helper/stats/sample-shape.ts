/**
 * The numeric layout of one counter block (`Counters` minus its name) in a Float64Array,
 * shared by the sampler and the history ring: rxBytes, txBytes, rxPackets, txPackets,
 * rxErrors, txErrors, rxDropped, txDropped, rxBytesPerSec, txBytesPerSec; and the network
 * total. Fields are written one by one, not through a key loop: this runs 100s of times a tick.
 */
import type { Counters, PortCounters } from '../../../shared/rpc/contract';
import { RX_BYTES, RX_DROPPED, RX_ERRORS, RX_PACKETS } from './counters';
import { TX_BYTES, TX_DROPPED, TX_ERRORS, TX_PACKETS } from './counters';
import type { RateState } from './rates';

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
  const t = zeroCounters(TOTAL_NAME);
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

/** Counters of `name` at zero (a total before its sum; an OVN network's br-int, ovn-sample.ts). */
export function zeroCounters(name: string): Counters {
  return {
    name,
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
}

/** Who a port's guest is; `host` only for an OVN network's ports (the chassis that counts them). */
export interface PortWho {
  readonly mac: string | null;
  readonly ip: string | null;
  readonly hostname: string | null;
  readonly host?: string;
}

/**
 * A port's counters from its row of /proc/net/dev values and its rates. Built field by field,
 * not by spreading: one object shape, no dictionary-mode objects.
 */
export function portCountersOf(name: string, v: Float64Array, r: RateState, who: PortWho): PortCounters {
  const c: PortCounters = {
    name,
    rxBytes: v[RX_BYTES]!,
    txBytes: v[TX_BYTES]!,
    rxPackets: v[RX_PACKETS]!,
    txPackets: v[TX_PACKETS]!,
    rxErrors: v[RX_ERRORS]!,
    txErrors: v[TX_ERRORS]!,
    rxDropped: v[RX_DROPPED]!,
    txDropped: v[TX_DROPPED]!,
    rxBytesPerSec: r.rxPerSec,
    txBytesPerSec: r.txPerSec,
    mac: who.mac,
    ip: who.ip,
    hostname: who.hostname,
  };
  if (who.host !== undefined) c.host = who.host;
  return c;
}

/** A bridge's counters from its row of /proc/net/dev values and its rates. */
export function countersOf(name: string, v: Float64Array, r: RateState): Counters {
  return {
    name,
    rxBytes: v[RX_BYTES]!,
    txBytes: v[TX_BYTES]!,
    rxPackets: v[RX_PACKETS]!,
    txPackets: v[TX_PACKETS]!,
    rxErrors: v[RX_ERRORS]!,
    txErrors: v[TX_ERRORS]!,
    rxDropped: v[RX_DROPPED]!,
    txDropped: v[TX_DROPPED]!,
    rxBytesPerSec: r.rxPerSec,
    txBytesPerSec: r.txPerSec,
  };
}
