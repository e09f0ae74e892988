/**
 * What the stats sampler needs from the driver: the running networks with their bridges, and
 * each network's current leases (re-read only when dnsmasq's leases file changes, so a tick
 * costs one stat per network); for an OVN network, its guest interfaces on this chassis
 * (ovn-stats-source.ts), which carry OVN's address for each guest in place of a lease.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseLeases } from '../../../shared/dnsmasq/leases';
import { isOvnNetwork } from '../../../shared/model/network';
import { ovnConfig } from '../ovn/config';
import type { StatsLease, StatsNetwork } from '../stats/inputs';
import type { DriverContext } from './context';
import { networkFiles } from './files';
import type { OvnStatsNet } from './ovn-stats-source';
import { OvnStatsPorts } from './ovn-stats-source';
import type { NetworkEntry } from './table';

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
  const ovn = new OvnStatsPorts({
    networks: () => ctx.table.all().flatMap((e) => ovnStatsNet(e) ?? []),
    log: (m) => ctx.log(m),
    onLeasesChanged: (uuid) => {
      const e = ctx.table.all().find((x) => x.uuid === uuid);
      if (e) ctx.bus.publish({ type: 'leases', network: e.name });
    },
  });
  return () =>
    ctx.table
      .all()
      .filter((e) => e.live !== null && e.status?.bridge)
      .map((e) =>
        isOvnNetwork(e.live!)
          ? {
              name: e.name,
              bridge: e.status!.bridge!,
              leases: () => NONE,
              ovn: { host: () => ovn.hostname(), ports: (changed: boolean) => ovn.ports(e.uuid, changed) },
            }
          : { name: e.name, bridge: e.status!.bridge!, leases: () => leasesOf(e.name) },
      );
}

/** A running OVN network, with the northbound database it was started on. */
function ovnStatsNet(e: NetworkEntry): OvnStatsNet | null {
  if (!e.live || !e.status || !isOvnNetwork(e.live)) return null;
  const cfg = ovnConfig();
  return { uuid: e.uuid, cfg: { ...cfg, nbDb: e.status.created.ovn?.nbDb ?? cfg.nbDb } };
}
