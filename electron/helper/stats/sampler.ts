/**
 * StatsSampler: one timer samples the traffic counters of every running network.
 *
 * What the numbers mean (RPC docs and UI say the same):
 * - `bridge`: the bridge interface's own counters, i.e. the traffic between the guests and the
 *   HOST: NATed or routed traffic, DHCP, DNS. Its rx is what the host received from the
 *   network, its tx what the host sent into it. Guest-to-guest traffic does not touch it
 *   (but for broadcasts such as ARP, which reach the host too).
 * - `ports[]`: one per bridge port (a guest's tap, or in our sandbox a veth whose peer is the
 *   guest's interface). Each port counts its guest's traffic, guest-to-guest included. rx on a
 *   port is what the guest SENT (the bridge received it from the guest); tx is what the guest
 *   was sent. `mac` is the guest's MAC as the bridge learned it (not the tap's own address);
 *   `ip` and `hostname` come from the network's DHCP lease for that MAC; each is null when unknown.
 * - `total`: the sum over the ports (the bridge is not added: host traffic is already counted
 *   on the port it came from or went to). Its counters drop when a port leaves; rates do not.
 * - `*BytesPerSec`: bytes per second over the time actually elapsed between the last two reads.
 *   0 on the first sample of an interface and after a counter reset (see rates.ts).
 * - `interval`: the configured sampling interval in seconds; `time`: epoch ms of the read.
 *
 * Cost per tick: one read of /proc/net/dev for all interfaces (counters.ts); each bridge's
 * brif/ is listed only when ports may have changed (port-list.ts); the bridge's FDB is read only
 * when a port is new or reset, or sent frames while its MAC is unknown, and at most every
 * FDB_REFRESH_SEC otherwise (port-macs.ts); leases are asked for every LEASES_RECHECK_SEC.
 * No process is spawned. A port's ip/hostname may thus lag a new lease by a few seconds.
 *
 * An OVN network (net.ovn) is sampled apart: its ports are this chassis's guest interfaces on
 * br-int that the driver found outside the tick (driver/ovn-stats-source.ts), each with `host`;
 * its `bridge` block is zeros named br-int (ovn-sample.ts says why).
 */
import { performance } from 'node:perf_hooks';
import type { PortCounters, StatsSample } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { CounterTable, ProcNetDevReader, RX_PACKETS } from './counters';
import { FdbReader } from './bridge-ports';
import { NetworkHistory, historyCapacity } from './history';
import { PortMacs } from './port-macs';
import { CHANGE_WATCH_SEC, PORT_RESCAN_SEC, PortList } from './port-list';
import { RateTracker, type RateState } from './rates';
import { countersOf, portCountersOf, totalOf } from './sample-shape';
import type { OvnStatsInputs, StatsNetwork } from './inputs';
import { ovnBridgeCounters, ovnPortCounters } from './ovn-sample';

export interface StatsSamplerOptions {
  /** Running networks, called once per tick; keep it cheap. */
  listNetworks: () => readonly StatsNetwork[];
  /** Every network's sample of one tick, in listNetworks order; not called when there is none. */
  onSample: (samples: StatsSample[]) => void;
  /** Seconds between samples, 0.5..60 (default 1), or null for off. */
  intervalSec?: number | null;
  /** Where a failed tick is reported (default: console.error); the timer keeps running. */
  onError?: (err: unknown) => void;
  /** For tests: another /proc/net/dev and /sys/class/net, and clocks (epoch ms; monotonic ms). */
  procNetDev?: string;
  sysNet?: string;
  wallClock?: () => number;
  monoClock?: () => number;
}

export const DEFAULT_INTERVAL_SEC = 1;
export const MIN_INTERVAL_SEC = 0.5;
export const MAX_INTERVAL_SEC = 60;

interface NetState {
  readonly history: NetworkHistory;
  readonly portList: PortList;
  readonly macs: PortMacs;
  seenTick: number;
}

export class StatsSampler {
  private interval: number | null;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private tickNo = 0;
  private readonly table = new CounterTable();
  private readonly reader: ProcNetDevReader;
  private readonly fdb: FdbReader;
  private readonly rates = new RateTracker();
  private readonly nets = new Map<string, NetState>();

  constructor(private readonly opts: StatsSamplerOptions) {
    this.interval = checkInterval(opts.intervalSec === undefined ? DEFAULT_INTERVAL_SEC : opts.intervalSec);
    this.reader = new ProcNetDevReader(opts.procNetDev);
    this.fdb = new FdbReader(opts.sysNet);
  }

  /** The sampling interval in seconds, or null when sampling is off. */
  get intervalSec(): number | null {
    return this.interval;
  }

  /** Change the interval (0.5..60 s) or turn sampling off (null); takes effect at once. */
  setInterval(sec: number | null): void {
    this.interval = checkInterval(sec);
    if (sec !== null) for (const st of this.nets.values()) st.history.resize(historyCapacity(sec));
    if (this.running) this.schedule();
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.schedule();
  }

  /** The network's samples of the last `seconds`, oldest first; [] for a network never sampled. */
  history(network: string, seconds: number): StatsSample[] {
    const st = this.nets.get(network);
    const now = (this.opts.wallClock ?? Date.now)();
    return st === undefined ? [] : st.history.samples(now - seconds * 1000);
  }

  /** Read every network once now, record and return the samples (the timer's tick). */
  sampleOnce(): StatsSample[] {
    this.tickNo++;
    const time = (this.opts.wallClock ?? Date.now)();
    const mono = this.opts.monoClock ? this.opts.monoClock() : performance.now();
    this.reader.read(this.table);
    this.rates.beginTick();
    const samples: StatsSample[] = [];
    for (const net of this.opts.listNetworks()) {
      const sample = this.sampleNetwork(net, time, mono);
      if (sample !== null) samples.push(sample);
    }
    this.rates.sweep();
    for (const [name, st] of this.nets) if (st.seenTick !== this.tickNo) this.nets.delete(name);
    return samples;
  }

  private schedule(): void {
    const wasTicking = this.timer !== undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.running || this.interval === null) return;
    // A rate across a pause would be an average over the pause; an interval change is fine
    // (rates divide by the time actually elapsed).
    if (!wasTicking) this.rates.reset();
    this.timer = setInterval(() => this.tick(), this.interval * 1000);
    this.timer.unref(); // vnmd's sockets keep it alive; a forgotten stop() must not
  }

  private tick(): void {
    try {
      const samples = this.sampleOnce();
      if (samples.length > 0) this.opts.onSample(samples);
    } catch (err) {
      (this.opts.onError ?? defaultOnError)(err);
    }
  }

  private sampleNetwork(net: StatsNetwork, time: number, mono: number): StatsSample | null {
    if (net.ovn) return this.sampleOvnNetwork(net, net.ovn, time, mono);
    const bridgeCounters = this.table.get(net.bridge);
    if (bridgeCounters === undefined) return null; // not up yet, or being torn down
    const st = this.netState(net.name);
    st.seenTick = this.tickNo;
    const bridgeRate = this.rates.update(net.bridge, bridgeCounters, mono);
    const bridge = countersOf(net.bridge, bridgeCounters, bridgeRate);
    const names = this.portsOf(net, st);
    const live: { name: string; v: Float64Array; r: RateState; rxPackets: number; countersReset: boolean }[] =
      [];
    for (const name of names) {
      const v = this.table.get(name);
      if (v === undefined) continue; // left between the two reads
      const r = this.rates.update(name, v, mono);
      live.push({ name, v, r, rxPackets: v[RX_PACKETS]!, countersReset: r.countersReset });
      if (r.countersReset) st.portList.markSuspect();
    }
    if (bridgeRate.countersReset) st.portList.markSuspect();
    const cadence = {
      tick: this.tickNo,
      fdb: this.ticksOf(FDB_REFRESH_SEC),
      leases: this.ticksOf(LEASES_RECHECK_SEC),
    };
    st.macs.update(net, names, live, this.fdb, cadence);
    const ports: PortCounters[] = live.map(({ name, v, r }) =>
      portCountersOf(name, v, r, st.macs.describe(name)),
    );
    const sample: StatsSample = {
      network: net.name,
      time,
      interval: this.interval ?? DEFAULT_INTERVAL_SEC,
      bridge,
      ports,
      total: totalOf(ports),
    };
    st.history.push(sample);
    return sample;
  }

  /**
   * An OVN network: its ports are the ones the driver found on br-int (asked again while
   * interfaces come and go), with MAC and address from OVN; no FDB, no brif/ (ovn-sample.ts).
   */
  private sampleOvnNetwork(net: StatsNetwork, ovn: OvnStatsInputs, time: number, mono: number): StatsSample {
    const st = this.netState(net.name);
    st.seenTick = this.tickNo;
    const host = ovn.host();
    const ports: PortCounters[] = [];
    for (const p of ovn.ports(this.table.changedWithin(this.ticksOf(CHANGE_WATCH_SEC)))) {
      const v = this.table.get(p.interface);
      if (v !== undefined) ports.push(ovnPortCounters(p, v, this.rates.update(p.interface, v, mono), host));
    }
    const sample: StatsSample = {
      network: net.name,
      time,
      interval: this.interval ?? DEFAULT_INTERVAL_SEC,
      bridge: ovnBridgeCounters(net.bridge),
      ports,
      total: totalOf(ports),
    };
    st.history.push(sample);
    return sample;
  }

  private netState(name: string): NetState {
    let st = this.nets.get(name);
    if (st === undefined) {
      const capacity = historyCapacity(this.interval ?? DEFAULT_INTERVAL_SEC);
      st = {
        history: new NetworkHistory(name, capacity),
        portList: new PortList(this.nets.size),
        macs: new PortMacs(),
        seenTick: 0,
      };
      this.nets.set(name, st);
    }
    return st;
  }

  private portsOf(net: StatsNetwork, st: NetState): readonly string[] {
    const recentChange = this.table.changedWithin(this.ticksOf(CHANGE_WATCH_SEC));
    const every = this.ticksOf(PORT_RESCAN_SEC);
    return st.portList.ports(net.bridge, this.tickNo, every, recentChange, this.opts.sysNet);
  }

  /** How many ticks make `sec` seconds at the current interval (at least 1). */
  private ticksOf(sec: number): number {
    return Math.max(1, Math.round(sec / (this.interval ?? DEFAULT_INTERVAL_SEC)));
  }
}

/** Even with steady ports, re-read the FDB this often: a port may now lead to another guest. */
const FDB_REFRESH_SEC = 10;
/** Ask the driver for leases this often (it may stat the leases file): a new lease shows within it. */
const LEASES_RECHECK_SEC = 3;

function checkInterval(sec: number | null): number | null {
  if (sec === null) return null;
  if (!(sec >= MIN_INTERVAL_SEC && sec <= MAX_INTERVAL_SEC)) {
    throw new VnmError(
      'invalid-argument',
      `The stats interval ${sec} s is out of range: give ${MIN_INTERVAL_SEC} to ${MAX_INTERVAL_SEC} seconds, or off.`,
    );
  }
  return sec;
}

function defaultOnError(err: unknown): void {
  console.error('vnmd stats: a sampling tick failed:', err);
}
