/**
 * The guest agent: makes the sandbox's guests behave like VMs. It follows vnmd's events;
 * when a network starts, a few guests plug into its bridge, take leases and make traffic;
 * when it stops they unplug; when it starts again they come back, with the same names and
 * MACs (so the same leases). One queue per network keeps a start and a stop in order.
 */
import { join } from 'node:path';
import type { VnmClient } from '../client/client';
import type { VnmEvent } from '../../shared/rpc/contract';
import { DEMO_GUESTS } from './demo-networks';
import { bridgePlugger, Guest } from './guest';
import type { OvnHost } from './ovn-lab';
import { ovnHasUplink, ovnPlugger } from './ovn-guests';
import type { GuestScripts } from './guest-scripts';
import { nsName } from './names';
import type { Netns } from './netns';
import { routeFromWan, UPLINK } from './uplink';

const NAMES = [
  'fedora',
  'debian',
  'alpine',
  'ubuntu',
  'rocky',
  'arch',
  'opensuse',
  'centos',
  'gentoo',
  'nixos',
];
/** Modes whose guests can reach the wan (isolated ones cannot; others have no bridge of ours). */
const OUTBOUND = new Set(['nat', 'route', 'open']);
/** Modes where the wan must be told the way back to the network's subnets. */
const ROUTED = new Set(['route', 'open']);

export interface GuestAgentOptions {
  readonly client: VnmClient;
  readonly host: Netns;
  readonly wan: Netns;
  readonly stem: string;
  /** Where guests keep their folders. */
  readonly dir: string;
  readonly scripts: GuestScripts;
  /** How many guests a network gets (default: as DEMO_GUESTS says, else 2). */
  readonly guestsFor?: (network: string) => number;
  /** The OVN hosts an OVN network's guests are spread over (none: OVN networks get no guests). */
  readonly ovnHosts?: readonly OvnHost[];
  readonly log?: (line: string) => void;
}

interface Attached {
  readonly guests: Guest[];
  /** Guest numbers taken (released on detach). */
  readonly slots: number[];
  readonly routes: string[];
  readonly url: string;
}

export class GuestAgent {
  private readonly attached = new Map<string, Attached>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly names = new Map<string, string[]>();
  private nextName = 0;
  /** Guest numbers in use: like libvirt's vnetN, a guest takes the lowest free one. */
  private readonly slots = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private client: VnmClient;

  constructor(private readonly opts: GuestAgentOptions) {
    this.client = opts.client;
  }

  /** Subscribes to events, then attaches guests to every network already running. */
  async start(): Promise<void> {
    await this.subscribe();
    this.timer = setInterval(() => this.refreshPeers(), 1000);
    this.timer.unref();
  }

  /**
   * Follows a new connection (vnmd was restarted): events missed while it was away are made
   * up for by attaching to what runs now and detaching from what no longer does.
   */
  async follow(client: VnmClient): Promise<void> {
    this.unsubscribe?.();
    this.client = client;
    const running = await this.subscribe();
    for (const name of this.attached.keys()) if (!running.includes(name)) this.enqueue(name, false);
  }

  /** Subscribes and queues an attach for every running network; returns their names. */
  private async subscribe(): Promise<string[]> {
    const { client } = this;
    this.unsubscribe = client.onEvent((e) => this.onEvent(e));
    await client.call('events.subscribe', { types: ['lifecycle', 'leases'] });
    const running = (await client.call('network.list', { filter: 'active' })).map((n) => n.name);
    for (const name of running) this.enqueue(name, true);
    return running;
  }

  /** Guests of a network (attached), for tests and the demo's status line. */
  guestsOf(network: string): readonly Guest[] {
    return this.attached.get(network)?.guests ?? [];
  }

  /**
   * Attaches guests to a network that runs (a no-op when they are there), without waiting for
   * its `started` event; resolves once they are plugged in.
   */
  attachNow(network: string): Promise<void> {
    this.enqueue(network, true);
    return this.queues.get(network) ?? Promise.resolve();
  }

  /** Waits until every queued attach and detach has run. */
  async idle(): Promise<void> {
    while (true) {
      const pending = [...this.queues.values()];
      await Promise.all(pending);
      if (pending.every((p, i) => [...this.queues.values()][i] === p)) return;
    }
  }

  /** Stops following events and unplugs every guest. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    await this.idle();
    await Promise.all([...this.attached.keys()].map((n) => this.detach(n)));
  }

  private onEvent(e: VnmEvent): void {
    if (e.type === 'leases') this.refreshPeers();
    if (e.type !== 'lifecycle') return;
    if (e.event === 'started') this.enqueue(e.network, true);
    else if (e.event === 'stopped' || e.event === 'undefined') this.enqueue(e.network, false);
  }

  private enqueue(network: string, attach: boolean): void {
    const prev = this.queues.get(network) ?? Promise.resolve();
    const next = prev
      .then(() => (attach ? this.attach(network) : this.detach(network)))
      .catch((err: unknown) =>
        this.log(`guests of ${network}: ${err instanceof Error ? err.message : String(err)}`),
      );
    this.queues.set(network, next);
  }

  /** The same names on every attach of a network, so guests keep their MACs and leases. */
  private hostnames(network: string, count: number): string[] {
    const known = this.names.get(network);
    if (known && known.length >= count) return known.slice(0, count);
    const preset = DEMO_GUESTS[network] ?? [];
    const names = Array.from({ length: count }, (_, i) => known?.[i] ?? preset[i] ?? this.freshName());
    this.names.set(network, names);
    return names;
  }

  private takeSlot(): number {
    let k = 0;
    while (this.slots.has(k)) k++;
    this.slots.add(k);
    return k;
  }

  private freshName(): string {
    const i = this.nextName++;
    return `${NAMES[i % NAMES.length]}${i >= NAMES.length ? Math.floor(i / NAMES.length) + 1 : ''}`;
  }

  private async attach(network: string): Promise<void> {
    if (this.stopped || this.attached.has(network)) return;
    const info = await this.client.call('network.info', { network });
    if (!info.active || info.bridge === null) return;
    const ovnHosts = info.kind === 'ovn' ? (this.opts.ovnHosts ?? []) : null;
    if (ovnHosts?.length === 0) return;
    const count = this.opts.guestsFor?.(network) ?? DEMO_GUESTS[network]?.length ?? 2;
    const routes = ROUTED.has(info.kind) ? info.subnets : [];
    for (const s of routes) await routeFromWan(this.opts.wan, s, true);
    const outbound = ovnHosts ? await ovnHasUplink(this.client, network) : OUTBOUND.has(info.kind);
    const url = outbound ? `http://${UPLINK.webAddress}` : '';
    const entry: Attached = { guests: [], slots: [], routes, url };
    this.attached.set(network, entry);
    const bridge = info.bridge;
    const specs = this.hostnames(network, count).map((hostname, i) => {
      const k = this.takeSlot();
      entry.slots.push(k);
      const dir = join(this.opts.dir, `g${k}`);
      const ipv6 = info.subnets.some((s) => s.includes(':'));
      return { hostname, nsName: nsName(this.opts.stem, `g${k}`), port: `vnet${k}`, dir, phase: i, ipv6 };
    });
    // In parallel: each guest's DHCP clock starts as soon as its port exists.
    // An OVN network's guests take the OVN hosts in turn; a bridge's are all on the host.
    const plugger = (i: number, owner: string) =>
      ovnHosts
        ? ovnPlugger(ovnHosts[i % ovnHosts.length]!, this.client, network, owner)
        : bridgePlugger(this.opts.host, bridge);
    const results = await Promise.allSettled(
      specs.map((spec, i) => Guest.attach(plugger(i, spec.hostname), network, spec, this.opts.scripts)),
    );
    for (const r of results) if (r.status === 'fulfilled') entry.guests.push(r.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    this.log(
      `${count} guests attached to ${network} (${info.bridge}): ${entry.guests.map((g) => g.hostname).join(', ')}`,
    );
  }

  private async detach(network: string): Promise<void> {
    const entry = this.attached.get(network);
    if (!entry) return;
    this.attached.delete(network);
    await Promise.all(entry.guests.map((g) => g.detach()));
    for (const k of entry.slots) this.slots.delete(k);
    for (const s of entry.routes) await routeFromWan(this.opts.wan, s, false).catch(() => undefined);
    this.log(`guests detached from ${network}`);
  }

  /** Tells each guest where to fetch and which peers (with leases) to ping. */
  private refreshPeers(): void {
    for (const entry of this.attached.values()) {
      const leased = entry.guests.map((g) => ({ guest: g, ip: g.leasedIp() }));
      for (const { guest } of leased) {
        const peers = leased
          .filter((p) => p.guest !== guest && p.ip !== null)
          .map((p) => ({ ip: p.ip!, hostname: p.guest.hostname }));
        try {
          guest.setTraffic(entry.url, peers);
        } catch {
          /* the guest is being unplugged */
        }
      }
    }
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }
}
