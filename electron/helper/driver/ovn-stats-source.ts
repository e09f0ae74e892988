/**
 * Which of this chassis's br-int interfaces belong to each running OVN network, for the stats
 * sampler. Finding them takes an ovs-vsctl run (the local interfaces and their iface-ids) and
 * an ovn-nbctl run per network (its logical ports, with MAC and address), a few milliseconds
 * of subprocess each (the OVN test logs the figure), so they are found outside the tick, in the
 * background: when the sampler says interfaces came or went (a guest's tap appears just before
 * it is plugged), and every REFRESH_MS otherwise (an address OVN gave since). The sampler gets
 * the last list at once; at most one search runs at a time, and a failed one (the control plane
 * unreachable) keeps the last list and is logged once until one succeeds. Measured in the OVN
 * lab (2 shared cores): one search takes 7-25 ms wall; over 30 s idle with one network the
 * searches' subprocesses used 30 ms of CPU and vnmd itself 110 ms, where a search on every 1 s
 * tick would spawn ten times as many.
 *
 * The same search reads every port of each network (on any chassis), so it also tells when the
 * network's leases changed (a guest bound or given an address anywhere): OVN has no lease file
 * to watch (lease-watch.ts), and this is the `leases` event's source for OVN networks, within
 * REFRESH_MS. Unlike lease-watch, the first look at a network announces when it already has
 * guests: the first search may run after guests of a network just started were bound, and a
 * fetch too many (after a vnmd restart) is better than a Leases tab never told.
 */
import { hostname } from 'node:os';
import { chassisPorts } from '../ovn/chassis-ports';
import type { OvnConfig } from '../ovn/config';
import { networkGuestPorts } from '../ovn/guest-ports';
import type { OvnStatsPort } from '../stats/inputs';

export const REFRESH_MS = 10_000;
/** The lease stamp of a network without guest ports. */
const NO_PORTS = '';

export interface OvnStatsNet {
  readonly uuid: string;
  readonly cfg: OvnConfig;
}

export interface OvnStatsFound {
  readonly host: string;
  /** Network UUID → its guest interfaces on this chassis. */
  readonly byNetwork: ReadonlyMap<string, readonly OvnStatsPort[]>;
  /** Network UUID → what its leases depend on (every guest port's MAC, address, binding), as text. */
  readonly leaseStamps: ReadonlyMap<string, string>;
}

export interface OvnStatsPortsOptions {
  /** The OVN networks running now (asked when a search starts). */
  readonly networks: () => readonly OvnStatsNet[];
  readonly log: (message: string) => void;
  /** A network's leases changed (by UUID). */
  readonly onLeasesChanged?: (uuid: string) => void;
  readonly now?: () => number;
  /** For tests; findOvnStatsPorts by default. */
  readonly find?: (nets: readonly OvnStatsNet[]) => Promise<OvnStatsFound>;
}

/** The real search: this chassis's br-int interfaces, matched to each network's logical ports. */
export async function findOvnStatsPorts(nets: readonly OvnStatsNet[]): Promise<OvnStatsFound> {
  const local = await chassisPorts(nets[0]!.cfg);
  const found = await Promise.all(
    nets.map(async (n) => [n.uuid, await networkGuestPorts(n.cfg, n.uuid)] as const),
  );
  const byNetwork = new Map<string, readonly OvnStatsPort[]>();
  const leaseStamps = new Map<string, string>();
  for (const [uuid, lsps] of found) {
    leaseStamps.set(uuid, lsps.map((l) => `${l.port} ${l.mac} ${l.ip} ${l.up}`).join('\n'));
    const byName = new Map(lsps.map((l) => [l.port, l]));
    byNetwork.set(
      uuid,
      local.interfaces.flatMap((i) => {
        const l = byName.get(i.ifaceId);
        return l ? [{ interface: i.name, mac: l.mac, ip: l.ip }] : [];
      }),
    );
  }
  return { host: local.host, byNetwork, leaseStamps };
}

export class OvnStatsPorts {
  private host = hostname();
  private readonly byNetwork = new Map<string, readonly OvnStatsPort[]>();
  private lastAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | null = null;
  private failing = false;
  private readonly leaseStamps = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly opts: OvnStatsPortsOptions) {
    this.now = opts.now ?? Date.now;
  }

  hostname(): string {
    return this.host;
  }

  /** The network's guest interfaces here as last found; starts a search when due. */
  ports(uuid: string, changed: boolean): readonly OvnStatsPort[] {
    if (changed || this.now() - this.lastAt >= REFRESH_MS || !this.byNetwork.has(uuid)) void this.refresh();
    return this.byNetwork.get(uuid) ?? [];
  }

  /** Searches now unless a search is running; resolves when the running one ends. */
  refresh(): Promise<void> {
    this.running ??= this.search().finally(() => (this.running = null));
    return this.running;
  }

  private async search(): Promise<void> {
    this.lastAt = this.now();
    const nets = this.opts.networks();
    if (nets.length === 0) return;
    try {
      const found = await (this.opts.find ?? findOvnStatsPorts)(nets);
      this.host = found.host;
      this.byNetwork.clear();
      for (const [uuid, ports] of found.byNetwork) this.byNetwork.set(uuid, ports);
      this.noteLeases(found.leaseStamps);
      this.failing = false;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (!this.failing) this.opts.log(`stats: cannot list the OVN networks' ports on this host: ${why}`);
      this.failing = true;
      // A network not found yet waits for the next period too, not for every tick.
      for (const n of nets) if (!this.byNetwork.has(n.uuid)) this.byNetwork.set(n.uuid, []);
    }
  }

  private noteLeases(stamps: ReadonlyMap<string, string>): void {
    for (const [uuid, stamp] of stamps) {
      const before = this.leaseStamps.get(uuid) ?? NO_PORTS;
      this.leaseStamps.set(uuid, stamp);
      if (before !== stamp) this.opts.onLeasesChanged?.(uuid);
    }
    for (const uuid of this.leaseStamps.keys()) if (!stamps.has(uuid)) this.leaseStamps.delete(uuid);
  }
}
