/**
 * What the sampler is given about each running network (by the driver, stats-source.ts):
 * kept apart from sampler.ts so that the parts of the sampler (port-macs.ts) can name them
 * without importing the sampler itself.
 */

export interface StatsLease {
  readonly mac: string;
  readonly ip: string;
  readonly hostname: string | null;
}

/** A guest of an OVN network on this chassis: its OVS interface on br-int, and its address from OVN. */
export interface OvnStatsPort {
  readonly interface: string;
  readonly mac: string | null;
  readonly ip: string | null;
}

/**
 * An OVN network's ports are not a Linux bridge's brif/: they are the OVS interfaces of this
 * chassis whose iface-id is one of the network's logical ports, found by the driver
 * (driver/ovn-stats-source.ts) outside the tick.
 */
export interface OvnStatsInputs {
  /** This chassis's hostname (the Chassis record's), for each port's `host`. */
  readonly host: () => string;
  /**
   * The network's guest interfaces on this chassis as last found; `interfacesChanged` (an
   * interface of the namespace came or went lately) asks for them to be found again.
   */
  readonly ports: (interfacesChanged: boolean) => readonly OvnStatsPort[];
}

export interface StatsNetwork {
  readonly name: string;
  readonly bridge: string;
  /** Current leases. Return the same array while they are unchanged: it is re-indexed only on change. */
  readonly leases: () => readonly StatsLease[];
  /** Present for an OVN network (then `bridge` is the integration bridge, whose own counters are not the network's). */
  readonly ovn?: OvnStatsInputs;
}
