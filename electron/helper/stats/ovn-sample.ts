/**
 * The counter blocks of an OVN network's sample (sampler.ts samples it with these).
 *
 * `bridge` is all zeros, named after the integration bridge: br-int is shared by every OVN
 * network on the chassis and by OVN's own tunnels, so its counters are no one network's
 * traffic with the host, and an OVN network has no host-side interface of its own (its router
 * lives in OVN, on the gateway chassis). Zeros say "nothing counted here" without inventing it;
 * `total`, the sum of the ports, is the network's traffic on this chassis.
 * Ports are counted as bridge ports are: rx is what the guest sent, tx what it was sent.
 */
import type { Counters, PortCounters } from '../../../shared/rpc/contract';
import { RX_BYTES, RX_DROPPED, RX_ERRORS, RX_PACKETS } from './counters';
import { TX_BYTES, TX_DROPPED, TX_ERRORS, TX_PACKETS } from './counters';
import type { OvnStatsPort } from './inputs';
import type { RateState } from './rates';

export function ovnBridgeCounters(name: string): Counters {
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

/** A guest's interface on this chassis, named by the interface, with OVN's MAC and address for it. */
export function ovnPortCounters(p: OvnStatsPort, v: Float64Array, r: RateState, host: string): PortCounters {
  return {
    name: p.interface,
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
    mac: p.mac,
    ip: p.ip,
    hostname: null, // OVN keeps no DHCP hostname (ovn/leases.ts)
    host,
  };
}
