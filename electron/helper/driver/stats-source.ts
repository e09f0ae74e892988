/**
 * What the stats sampler needs from the driver: the running networks with their bridges, and
 * each network's current leases (re-read only when dnsmasq's leases file changes, so a tick
 * costs one stat per network).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseLeases } from '../../../shared/dnsmasq/leases';
import type { StatsLease, StatsNetwork } from '../stats/inputs';
import type { DriverContext } from './context';
import { networkFiles } from './files';

interface Cached {
  readonly stamp: string;
  readonly leases: readonly StatsLease[];
}

const NONE: readonly StatsLease[] = [];

export function statsNetworks(ctx: DriverContext): () => StatsNetwork[] {
  const cache = new Map<string, Cached>();
  const leasesOf = (name: string): readonly StatsLease[] => {
    const file = networkFiles(ctx.dirs, name).leaseFile;
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      cache.delete(name);
      return NONE;
    }
    const hit = cache.get(name);
    if (hit?.stamp === stamp) return hit.leases;
    const leases = parseLeases(readFileSync(file, 'utf8'), Math.floor(Date.now() / 1000))
      .filter((l) => l.mac !== null)
      .map((l) => ({ mac: l.mac!, ip: l.ip, hostname: l.hostname }));
    cache.set(name, { stamp, leases });
    return leases;
  };
  return () =>
    ctx.table
      .all()
      .filter((e) => e.live !== null && e.status?.bridge)
      .map((e) => ({ name: e.name, bridge: e.status!.bridge!, leases: () => leasesOf(e.name) }));
}
