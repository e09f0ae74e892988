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
import type { OvnStatsPort } from './inputs';
import type { RateState } from './rates';
import { portCountersOf, zeroCounters } from './sample-shape';

export function ovnBridgeCounters(name: string): Counters {
  return zeroCounters(name);
}

/** A guest's interface on this chassis, named by the interface, with OVN's MAC and address for it. */
export function ovnPortCounters(p: OvnStatsPort, v: Float64Array, r: RateState, host: string): PortCounters {
  // OVN keeps no DHCP hostname (ovn/leases.ts).
  return portCountersOf(p.interface, v, r, { mac: p.mac, ip: p.ip, hostname: null, host });
}
