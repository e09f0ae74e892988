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

export interface StatsNetwork {
  readonly name: string;
  readonly bridge: string;
  /** Current leases. Return the same array while they are unchanged: it is re-indexed only on change. */
  readonly leases: () => readonly StatsLease[];
}
