/**
 * Which guest sits behind each port of one bridge: its MAC from the bridge's FDB, and the
 * lease (ip, hostname) for that MAC. The FDB is read only when something may have changed
 * (a silent port, whose FDB entry aged out, costs nothing), and a learned MAC stays with its
 * port after the FDB entry ages out (a quiet guest keeps its name), until the port leaves or
 * its counters reset (which may mean another guest).
 */
import { guestMacs, type FdbReader } from './bridge-ports';
import { sameList } from './port-list';
import type { StatsLease, StatsNetwork } from './inputs';

export interface PortIdentity {
  readonly mac: string | null;
  readonly ip: string | null;
  readonly hostname: string | null;
}

const UNKNOWN: PortIdentity = { mac: null, ip: null, hostname: null };

/** A port as seen this tick: its name, its rx packet count, and whether its counters went back. */
export interface PortTick {
  readonly name: string;
  readonly rxPackets: number;
  readonly countersReset: boolean;
}

/** This tick's number, and how many ticks apart the FDB and the leases are re-read at most. */
export interface Cadence {
  readonly tick: number;
  readonly fdb: number;
  readonly leases: number;
}

export class PortMacs {
  private readonly macs = new Map<string, string>();
  /** Port numbers never change while a port lives: read once per port. */
  private readonly portNos = new Map<string, number>();
  /** rx packets of each port at the last FDB read: no new frame from a port, nothing to learn. */
  private readonly rxAtRefresh = new Map<string, number>();
  private ports: readonly string[] = [];
  private lastRefreshTick = Number.NEGATIVE_INFINITY;
  private lastLeasesTick = Number.NEGATIVE_INFINITY;
  private leasesSeen: readonly StatsLease[] | undefined;
  private readonly leaseByMac = new Map<string, StatsLease>();

  /**
   * Bring the port → MAC map up to date for this tick. The FDB is read when the port set
   * changed or a port's counters reset, or when a port sent frames since the last read and either
   * has no MAC yet or `every.fdb` ticks have passed (its guest may have changed its MAC).
   * Leases are asked for every `every.leases` ticks and whenever the FDB is read.
   */
  update(
    net: StatsNetwork,
    names: readonly string[],
    ports: readonly PortTick[],
    fdb: FdbReader,
    every: Cadence,
  ): void {
    let due = false;
    if (!sameList(this.ports, names)) {
      this.forgetExcept(names);
      this.ports = names;
      due = true;
    }
    const periodic = every.tick - this.lastRefreshTick >= every.fdb;
    for (const p of ports) {
      if (p.countersReset) {
        this.forget(p.name);
        due = true;
      } else if ((periodic || !this.macs.has(p.name)) && p.rxPackets !== this.rxAtRefresh.get(p.name)) {
        due = true;
      }
    }
    if (due || every.tick - this.lastLeasesTick >= every.leases) {
      this.indexLeases(net.leases());
      this.lastLeasesTick = every.tick;
    }
    if (!due) return;
    this.refresh(net.bridge, fdb);
    for (const p of ports) this.rxAtRefresh.set(p.name, p.rxPackets);
    this.lastRefreshTick = every.tick;
  }

  /** The port's guest: MAC, and the lease's ip and hostname; nulls when unknown. */
  describe(port: string): PortIdentity {
    const mac = this.macs.get(port);
    if (mac === undefined) return UNKNOWN;
    const lease = this.leaseByMac.get(mac);
    return { mac, ip: lease?.ip ?? null, hostname: lease?.hostname ?? null };
  }

  private refresh(bridge: string, fdb: FdbReader): void {
    for (const port of this.ports) {
      if (this.portNos.has(port)) continue;
      const no = fdb.portNo(bridge, port);
      if (no !== null) this.portNos.set(port, no);
    }
    const found = guestMacs(fdb.entries(bridge), this.portNos, (mac) => this.leaseByMac.has(mac));
    for (const [port, mac] of found) this.macs.set(port, mac);
  }

  private forget(port: string): void {
    this.macs.delete(port);
    this.portNos.delete(port);
    this.rxAtRefresh.delete(port);
  }

  private forgetExcept(ports: readonly string[]): void {
    for (const port of [...this.portNos.keys(), ...this.macs.keys()])
      if (!ports.includes(port)) this.forget(port);
  }

  /** Re-index only when the driver hands over a different array. */
  private indexLeases(leases: readonly StatsLease[]): void {
    if (leases === this.leasesSeen) return;
    this.leasesSeen = leases;
    this.leaseByMac.clear();
    for (const lease of leases) {
      const mac = lease.mac.toLowerCase();
      const held = this.leaseByMac.get(mac);
      // One MAC may hold an IPv4 and an IPv6 lease: show the IPv4 address, as virsh lists first.
      if (held === undefined || (held.ip.includes(':') && !lease.ip.includes(':'))) {
        this.leaseByMac.set(mac, lease);
      }
    }
  }
}
