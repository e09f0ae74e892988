/**
 * FAKE vnmd for component tests and the dev-only preview page: an in-memory stand-in
 * behind the same VnmBridge the preload and the browser shell expose. It is not vnmd:
 * the e2e suite runs against a real vnmd. Calls are recorded for assertions.
 */
import type {
  DiagnoseCheck,
  Findings,
  HostInfo,
  HostInterface,
  Lease,
  OvnHostFacts,
  NetworkSummary,
  StatsSample,
  VnmEvent,
} from '@shared/rpc/contract';
import type { VnmErrorData } from '@shared/rpc/errors';
import type { PortForward } from '@shared/model/port-forward';
import type {
  ApiCallName,
  AppCommand,
  ConnectionEntry,
  ConnectionStatus,
  InvokeResult,
  PushChannel,
  PushChannels,
  VnmBridge,
} from '@shared/api/contract';
import {
  fakeCounters,
  fakeHost,
  fakeInterfaces,
  fakeOvnMissing,
  fakeNetworkXml,
  fakeNetworks,
} from './fake-data';

type Handler = (payload: never) => void;

/** What the fake throws: error data, as vnmd would send it. */
class FakeVnmdError extends Error {
  constructor(readonly data: VnmErrorData) {
    super(data.message);
  }
}
type Answer = (params: Record<string, unknown>) => unknown;

export class FakeVnmBridge implements VnmBridge {
  networks: NetworkSummary[] = fakeNetworks();
  xml = new Map<string, string>(this.networks.map((n) => [n.name, fakeNetworkXml(n)]));
  leases = new Map<string, Lease[]>();
  /** Port forwards by network name (one list: the fake keeps no live/config split). */
  forwards = new Map<string, PortForward[]>();
  host: HostInfo = fakeHost();
  ovn: OvnHostFacts = fakeOvnMissing();
  /** What host.findings answers (and what pushFindings sends). */
  findings: Findings = { host: [], networks: [], checkedAt: 0 };
  /** network.diagnose's checklist by network name; absent: every line ok (fakeChecklist). */
  readonly checklists = new Map<string, DiagnoseCheck[]>();
  /** What applyFix does for `network/check`: the line it returns, after changing the fake as it likes. */
  readonly fixes = new Map<string, () => DiagnoseCheck>();
  interfaces: HostInterface[] = fakeInterfaces();
  status: ConnectionStatus = { state: 'connected', uri: 'unix:/fake/vnmd.sock' };
  /** The connection list the main process would keep (Local first). */
  connections: ConnectionEntry[] = [
    {
      id: 'local',
      name: 'Local',
      uri: 'unix:/fake/vnmd.sock',
      local: true,
      autoconnect: true,
      status: this.status,
    },
  ];
  readonly calls: { call: ApiCallName; params: unknown }[] = [];
  /** Makes the next call of that name fail with this error. */
  readonly failures = new Map<ApiCallName, VnmErrorData>();
  /** Runs once just before the next call of that name is answered: someone else acting meanwhile. */
  readonly meanwhile = new Map<ApiCallName, () => void>();
  private readonly handlers = new Map<PushChannel, Set<Handler>>();
  private seq = 0;

  invoke(call: ApiCallName, params: unknown): Promise<InvokeResult<never>> {
    this.calls.push({ call, params });
    const other = this.meanwhile.get(call);
    this.meanwhile.delete(call);
    other?.();
    const failure = this.failures.get(call);
    if (failure) {
      this.failures.delete(call);
      return Promise.resolve({ ok: false, error: failure });
    }
    try {
      const value = this.answer(call)((params ?? {}) as Record<string, unknown>);
      this.announce(call, (params ?? {}) as Record<string, unknown>, value);
      return Promise.resolve({ ok: true, value: structuredClone(value) as never });
    } catch (err) {
      if (err instanceof FakeVnmdError) return Promise.resolve({ ok: false, error: err.data });
      throw err;
    }
  }

  listen<K extends PushChannel>(channel: K, handler: (payload: PushChannels[K]) => void): () => void {
    const set = this.handlers.get(channel) ?? new Set<Handler>();
    this.handlers.set(channel, set);
    set.add(handler);
    return () => void set.delete(handler);
  }

  push<K extends PushChannel>(channel: K, payload: PushChannels[K]): void {
    for (const h of this.handlers.get(channel) ?? []) (h as (p: PushChannels[K]) => void)(payload);
  }

  lifecycle(network: string, event: Extract<VnmEvent, { type: 'lifecycle' }>['event']): void {
    this.push('event', { type: 'lifecycle', seq: ++this.seq, event, network, detail: null });
  }

  /**
   * Pushes the lifecycle event vnmd publishes after a call that changes a network, once the
   * reply is on its way, so the window learns of its own changes the way it learns of others'.
   */
  private announce(call: ApiCallName, params: Record<string, unknown>, value: unknown): void {
    const event = LIFECYCLE_OF[call];
    if (!event) return;
    // The forward calls name their network `name`, the older ones `network`.
    const ref = params.network ?? params.name;
    const network =
      call === 'defineNetwork' || call === 'createNetwork'
        ? (value as NetworkSummary).name
        : (this.networks.find((n) => n.uuid === ref)?.name ?? String(ref));
    queueMicrotask(() => this.lifecycle(network, event));
  }

  command(command: AppCommand): void {
    this.push('command', command);
  }

  setConnection(status: ConnectionStatus): void {
    this.status = status;
    this.push('connection', status);
  }

  /** vnmd's `findings` event with `findings` as they stand. */
  pushFindings(): void {
    this.push('event', { type: 'findings', seq: ++this.seq, findings: structuredClone(this.findings) });
  }

  private applyFix(network: string, check: string): DiagnoseCheck {
    const fix = this.fixes.get(`${network}/${check}`);
    if (!fix)
      throw new FakeVnmdError({
        kind: 'unsupported',
        message: `The fake vnmd has no fix for check ${check} of network ${network}.`,
      });
    return fix();
  }

  /** One stats event for every active network, with rates that follow `t`. */
  pushStats(time: number, t = time / 1000): void {
    const samples: StatsSample[] = this.networks.filter((n) => n.active).map((n) => fakeSample(n, time, t));
    this.push('event', { type: 'stats', seq: ++this.seq, samples });
  }

  private find(name: unknown): NetworkSummary {
    const n = this.networks.find((x) => x.name === name || x.uuid === name);
    if (!n) {
      throw new FakeVnmdError({
        kind: 'not-found',
        message: `Network not found: no network with matching name '${String(name)}'.`,
      });
    }
    return n;
  }

  private replace(n: NetworkSummary): NetworkSummary {
    this.networks = this.networks.map((x) => (x.name === n.name ? n : x));
    return n;
  }

  private answer(call: ApiCallName): Answer {
    const answers: Record<ApiCallName, Answer> = {
      listNetworks: () => this.networks,
      networkInfo: (p) => ({
        ...this.find(p.network),
        subnets: ['192.168.122.0/24'],
        dnsmasqPid: null,
        connections: 2,
      }),
      getNetworkXml: (p) => ({ xml: this.xml.get(this.find(p.network).name) }),
      defineNetwork: (p) => this.define(String(p.xml), p.mustNotExist === true),
      createNetwork: (p) => this.define(String(p.xml)),
      startNetwork: (p) => this.replace({ ...this.find(p.network), active: true, bridge: 'virbr9' }),
      stopNetwork: (p) => this.stop(this.find(p.network)),
      undefineNetwork: (p) => this.undefine(this.find(p.network)),
      setAutostart: (p) => this.replace({ ...this.find(p.network), autostart: Boolean(p.autostart) }),
      updateNetwork: () => ({ ok: true }),
      listLeases: (p) => this.leases.get(this.find(p.network).name) ?? [],
      statsHistory: (p) => historyFor(this.find(p.network)),
      hostInfo: () => this.host,
      hostInterfaces: () => this.interfaces,
      ovnHost: () => this.ovn,
      hostFindings: () => this.findings,
      applyFix: (p) => this.applyFix(this.find(p.network).name, String(p.check)),
      diagnoseNetwork: (p) => {
        const n = this.find(p.network);
        return { network: n.name, checks: this.checklists.get(n.name) ?? fakeChecklist(n) };
      },
      proposeSubnet: () => ({ subnet: '192.168.100.0/24', bridge: 'virbr1', ipv6Subnet: 'fd00:1234::/64' }),
      setStatsInterval: (p) => (
        (this.host = { ...this.host, statsInterval: Number(p.seconds ?? 0) }),
        { ok: true }
      ),
      listForwards: (p) => ({ forwards: this.forwards.get(this.find(p.name).name) ?? [] }),
      addForward: (p) => this.addForward(this.find(p.name), p.forward as PortForward),
      removeForward: (p) => this.removeForward(this.find(p.name), p),
      connectionStatus: () => this.status,
      listConnections: () => this.connections,
      addConnection: (p) => this.addConnection(p),
      removeConnection: (p) => this.setConnections(this.connections.filter((c) => c.id !== p.id)),
      connectConnection: (p) => this.setConnectionState(String(p.id), 'connected'),
      disconnectConnection: (p) => this.setConnectionState(String(p.id), 'disconnected'),
      openConnection: (p) => ({ url: `/?connection=${String(p.id)}` }),
      answerAskpass: () => null,
      appInfo: () => ({ name: 'vnm', version: '0.1.0', shell: 'browser', versions: { node: '20' } }),
    };
    return answers[call];
  }

  private setConnections(list: ConnectionEntry[]): null {
    this.connections = list;
    this.push('connections', list);
    return null;
  }

  private setConnectionState(id: string, state: 'connected' | 'disconnected'): null {
    return this.setConnections(
      this.connections.map((c) => (c.id === id ? { ...c, status: { state, uri: c.uri } } : c)),
    );
  }

  private addConnection(p: Record<string, unknown>): ConnectionEntry {
    const { host, user } = p as { host: string; user?: string };
    const name = `${user ? `${user}@` : ''}${host}`;
    const uri = `vnm+ssh://${name}/system`;
    const entry: ConnectionEntry = {
      id: `c-${this.connections.length}`,
      name,
      uri,
      local: false,
      autoconnect: Boolean(p.autoconnect),
      status: { state: 'disconnected', uri },
    };
    this.setConnections([...this.connections, entry]);
    return entry;
  }

  /** Public so a test can define a network the way someone else would, behind the window. */
  define(xml: string, mustNotExist = false): NetworkSummary {
    const name = /<name>([^<]+)<\/name>/.exec(xml)?.[1];
    if (!name)
      throw new FakeVnmdError({ kind: 'invalid-argument', message: 'Network XML has no <name>; add one.' });
    const existing = this.networks.find((n) => n.name === name);
    if (existing && mustNotExist)
      throw new FakeVnmdError({
        kind: 'conflict',
        message: `network '${name}' already exists; choose another name.`,
      });
    const n: NetworkSummary = existing ?? {
      name,
      uuid: `00000000-0000-4000-8000-${String(this.networks.length).padStart(12, '0')}`,
      active: false,
      persistent: true,
      autostart: false,
      // As vnmd's network.list: an OVN network is its own kind, not the bridge mode it is written as.
      kind: /<vnm:ovn\b/.test(xml)
        ? 'ovn'
        : (/<forward mode='(\w+)'/.exec(xml)?.[1] ?? (xml.includes('<forward') ? 'nat' : 'isolated')),
      bridge: null,
      problem: null,
    };
    this.xml.set(name, xml);
    if (!existing) this.networks = [...this.networks, n];
    return n;
  }

  private addForward(n: NetworkSummary, forward: PortForward) {
    const list = this.forwards.get(n.name) ?? [];
    const clash = list.find(
      (f) => f.protocol === forward.protocol && f.hostPort.start === forward.hostPort.start,
    );
    if (clash)
      throw new FakeVnmdError({
        kind: 'conflict',
        message: `host port ${forward.hostPort.start} is already forwarded on network ${n.name}; choose another port.`,
      });
    this.forwards.set(n.name, [...list, forward]);
    return { ok: true };
  }

  private removeForward(n: NetworkSummary, p: Record<string, unknown>) {
    const list = this.forwards.get(n.name) ?? [];
    const keep = list.filter(
      (f) =>
        !(
          f.protocol === p.protocol &&
          f.hostPort.start === p.hostPort &&
          (f.hostAddress ?? '') === (p.hostAddress ?? '')
        ),
    );
    if (keep.length === list.length)
      throw new FakeVnmdError({
        kind: 'not-found',
        message: `network ${n.name} has no ${String(p.protocol)} forward of host port ${String(p.hostPort)}.`,
      });
    this.forwards.set(n.name, keep);
    return { ok: true };
  }

  private stop(n: NetworkSummary) {
    if (n.persistent) this.replace({ ...n, active: false, bridge: null });
    else this.networks = this.networks.filter((x) => x.name !== n.name);
    return { ok: true };
  }

  private undefine(n: NetworkSummary) {
    if (n.active)
      throw new FakeVnmdError({
        kind: 'conflict',
        message: `Network ${n.name} is still active; stop it first.`,
      });
    this.networks = this.networks.filter((x) => x.name !== n.name);
    return { ok: true };
  }
}

type LifecycleEvent = Extract<VnmEvent, { type: 'lifecycle' }>['event'];
const LIFECYCLE_OF: Partial<Record<ApiCallName, LifecycleEvent>> = {
  defineNetwork: 'defined',
  createNetwork: 'started',
  startNetwork: 'started',
  stopNetwork: 'stopped',
  undefineNetwork: 'undefined',
  setAutostart: 'autostart-changed',
  updateNetwork: 'updated',
  addForward: 'updated',
  removeForward: 'updated',
};

/** A healthy network's checklist, as vnmd's net-diagnose orders it; an inactive one has only its state. */
function fakeChecklist(n: NetworkSummary): DiagnoseCheck[] {
  const ok = (id: string, summary: string): DiagnoseCheck => ({
    id,
    status: 'ok',
    summary,
    fix: null,
    details: [],
  });
  if (!n.active)
    return [
      {
        id: 'state',
        status: 'fail',
        summary: `Network ${n.name} is not running.`,
        fix: `vnm net-start ${n.name}`,
        details: [],
      },
    ];
  return [
    ok('state', `Network ${n.name} (${n.kind}) is active.`),
    ok('bridge', `Bridge ${n.bridge ?? 'virbr9'} is up with its addresses.`),
    ok('dnsmasq', 'dnsmasq is running and listening for DHCP and DNS.'),
    ok('forwarding', 'IPv4 forwarding is on.'),
    ok('firewall-forward', 'No other firewall table drops guest traffic forwarded through the host.'),
  ];
}

function fakeSample(n: NetworkSummary, time: number, t: number): StatsSample {
  const wave = (phase: number, scale: number) => Math.round(scale * (1.2 + Math.sin(t / 7 + phase)));
  const ports = [0, 1].map((i) => ({
    ...fakeCounters(`vnet${i}`, wave(i, 90_000), wave(i + 1, 240_000)),
    mac: `52:54:00:12:34:5${i}`,
    ip: `192.168.122.${10 + i}`,
    hostname: `guest${i + 1}`,
  }));
  const total = fakeCounters(
    'total',
    ports[0]!.rxBytesPerSec + ports[1]!.rxBytesPerSec,
    ports[0]!.txBytesPerSec + ports[1]!.txBytesPerSec,
  );
  return {
    network: n.name,
    time,
    interval: 1,
    bridge: fakeCounters(n.bridge ?? 'virbr0', wave(2, 40_000), wave(3, 60_000)),
    ports,
    total,
  };
}

function historyFor(n: NetworkSummary): StatsSample[] {
  if (!n.active) return [];
  const now = Date.now() - 1000;
  return Array.from({ length: 120 }, (_, i) =>
    fakeSample(n, now - (119 - i) * 1000, (now - (119 - i) * 1000) / 1000),
  );
}
