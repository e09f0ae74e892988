/**
 * The traffic of an OVN network's guests on other hosts, in the window of the host that runs
 * the network. A vnmd counts only the guests plugged into its own br-int; the guests of the
 * same logical switch on another chassis are counted by that chassis's vnmd (`ovn.localPorts`,
 * which answers whichever vnmd defined the network). So when a window's connection sends a
 * stats sample of an OVN network, the main process adds the ports that the other connections
 * it holds (connected ones only) report for the same network UUID, with rates from two reads.
 *
 * Peers are read once per sample, after it is forwarded: a merged sample carries the peers'
 * previous read (one interval late) rather than hold the chart for a round trip over ssh.
 */
import type {
  OvnLocalPort,
  OvnLocalPorts,
  PortCounters,
  StatsSample,
  VnmEvent,
} from '../../../shared/rpc/contract';
import type { Backend } from '../backend/backend';

type StatsEvent = Extract<VnmEvent, { type: 'stats' }>;

interface PeerPort {
  readonly networkUuid: string;
  readonly port: PortCounters;
}

interface PrevRead {
  readonly time: number;
  readonly rxBytes: number;
  readonly txBytes: number;
}

const COUNTERS = [
  'rxBytes',
  'txBytes',
  'rxPackets',
  'txPackets',
  'rxErrors',
  'txErrors',
  'rxDropped',
  'txDropped',
] as const;

export class OvnPeerPorts {
  /** The connection's running OVN networks: name → UUID (null until first listed). */
  private ovn: Map<string, string> | null = null;
  private listing: Promise<void> | null = null;
  /** Each peer's last answer: its ports with rates, each with its network's UUID. */
  private readonly reads = new Map<Backend, readonly PeerPort[]>();
  private readonly prev = new Map<string, PrevRead>();
  private polling = false;

  constructor(
    private readonly self: Backend,
    private readonly peers: () => readonly Backend[],
  ) {}

  /** Forget which networks are OVN ones (a network started, stopped or was redefined). */
  invalidate(): void {
    this.ovn = null;
  }

  /** `event` with the peers' ports of its OVN networks added; the same object when there are none. */
  merge(event: StatsEvent): StatsEvent {
    const ovn = this.ovn;
    if (!ovn) {
      this.list();
      return event;
    }
    if (![...event.samples].some((s) => ovn.has(s.network))) return event;
    this.poll([...ovn.values()]);
    const samples = event.samples.map((s) => {
      const uuid = ovn.get(s.network);
      return uuid === undefined ? s : this.withPeers(s, uuid);
    });
    return { ...event, samples };
  }

  private withPeers(sample: StatsSample, uuid: string): StatsSample {
    const own = new Set(sample.ports.map((p) => `${p.host ?? ''}/${p.name}`));
    const extra: PortCounters[] = [];
    for (const read of this.reads.values()) {
      for (const { networkUuid, port } of read) {
        if (networkUuid === uuid && !own.has(`${port.host ?? ''}/${port.name}`)) extra.push(port);
      }
    }
    if (extra.length === 0) return sample;
    const total = { ...sample.total };
    for (const p of extra) {
      for (const k of COUNTERS) total[k] += p[k];
      total.rxBytesPerSec += p.rxBytesPerSec;
      total.txBytesPerSec += p.txBytesPerSec;
    }
    return { ...sample, ports: [...sample.ports, ...extra], total };
  }

  private list(): void {
    this.listing ??= this.self
      .call('network.list', { filter: 'active' })
      .then((list) => {
        this.ovn = new Map(list.filter((n) => n.kind === 'ovn').map((n) => [n.name, n.uuid]));
      })
      .catch(() => undefined)
      .finally(() => (this.listing = null));
  }

  private poll(uuids: string[]): void {
    if (this.polling) return;
    this.polling = true;
    const peers = this.peers().filter((p) => p !== this.self);
    for (const gone of [...this.reads.keys()]) if (!peers.includes(gone)) this.reads.delete(gone);
    void Promise.all(
      peers.map((peer) =>
        peer.call('ovn.localPorts', { networks: uuids }).then(
          (read) => this.reads.set(peer, this.rated(read)),
          // A peer that is no OVN chassis (or an older vnmd) has nothing to add.
          () => this.reads.delete(peer),
        ),
      ),
    ).finally(() => (this.polling = false));
  }

  /** The read's ports as PortCounters, rates from the previous read. */
  private rated(read: OvnLocalPorts): PeerPort[] {
    return read.ports.map((p) => {
      const key = `${read.host}/${p.interface}`;
      const before = this.prev.get(key);
      this.prev.set(key, { time: read.time, rxBytes: p.rxBytes, txBytes: p.txBytes });
      const dt = before ? (read.time - before.time) / 1000 : 0;
      const rate = (now: number, then: number | undefined) =>
        dt > 0 && then !== undefined && now >= then ? (now - then) / dt : 0;
      const port: PortCounters = {
        ...countersOf(p),
        name: p.interface,
        rxBytesPerSec: rate(p.rxBytes, before?.rxBytes),
        txBytesPerSec: rate(p.txBytes, before?.txBytes),
        mac: p.mac,
        ip: p.ip,
        hostname: null,
        host: read.host,
      };
      return { networkUuid: p.networkUuid, port };
    });
  }
}

function countersOf(p: OvnLocalPort): Pick<PortCounters, (typeof COUNTERS)[number]> {
  const out = {} as Record<(typeof COUNTERS)[number], number>;
  for (const k of COUNTERS) out[k] = p[k];
  return out;
}

/**
 * `conn` as a Backend whose stats events carry the OVN peers' ports; calls, status and other
 * events pass through unchanged.
 */
export function withOvnPeers(conn: Backend, peers: () => readonly Backend[]): Backend {
  const merger = new OvnPeerPorts(conn, peers);
  return {
    call: (method, params) => conn.call(method, params),
    status: () => conn.status(),
    onStatus: (handler) => conn.onStatus(handler),
    close: () => conn.close(),
    onEvent: (handler) =>
      conn.onEvent((event) => {
        if (event.type === 'lifecycle') merger.invalidate();
        handler(event.type === 'stats' ? merger.merge(event) : event);
      }),
  };
}
