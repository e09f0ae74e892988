/**
 * Keeps each recorded network port's <bandwidth> (net-port-create) applied while the device
 * carrying its guest's MAC is on the network's bridge, as libvirt shapes a guest's tap while
 * the guest runs: applied at once when the port is recorded and its device is already there,
 * when the device joins (the kernel's link notice: linkChanged, from the one LinkMonitor the
 * isolation keeper runs), and taken off when the port is deleted, its network stops, or the
 * device leaves (a link notice, with a slow poll as the backstop for both). The network's default class gets what the plugged floors leave.
 * One pass at a time; a pass after a vnmd restart finds what the last vnmd left and replaces it,
 * and deletes port ifbs no port owns any more.
 */
import type { BandwidthRate } from '../../../shared/model/network';
import { deleteLink } from '../bridge/links';
import type { PortDevice } from '../bridge/port-device';
import { bridgePortCarrying } from '../bridge/port-device';
import { isPortIfb } from '../shaping/port-plan';
import { setDefaultRate } from '../shaping/port-shaping';
import type { DriverContext } from './context';
import type { AppliedPort, WantedPort } from './port-bandwidth-apply';
import { applyPort, hasShaping, removePort } from './port-bandwidth-apply';
import type { PortView } from './port-isolation-keeper';
import { PollLoop } from './poll-loop';
import { linkNames } from '../bridge/proc-net';

export interface BandwidthKeeperOptions {
  readonly ports: PortView;
  readonly pollMs?: number;
  /** Finds a port's device; sysfs by default. */
  readonly findDevice?: (bridge: string, mac: string) => PortDevice | null;
}

/** A running network as the keeper needs it. */
export interface RunningNetwork {
  readonly name: string;
  readonly bridge: string;
  readonly netIn: BandwidthRate | null;
}

const keyOf = (network: string, uuid: string) => `${network}/${uuid}`;

/** The ports with shaping whose device is on their network's bridge now, by network/uuid. */
export function wantedPorts(
  nets: readonly RunningNetwork[],
  ports: PortView,
  findDevice: (bridge: string, mac: string) => PortDevice | null,
): Map<string, WantedPort> {
  const out = new Map<string, WantedPort>();
  for (const n of nets) {
    for (const port of ports.list(n.name).filter(hasShaping)) {
      const device = findDevice(n.bridge, port.mac);
      if (device)
        out.set(keyOf(n.name, port.uuid), {
          network: n.name,
          bridge: n.bridge,
          netIn: n.netIn,
          port,
          device,
        });
    }
  }
  return out;
}

/** Whether what is applied still fits what is wanted (same bridge, same device). */
const fits = (a: AppliedPort, w: WantedPort) =>
  a.bridge === w.bridge && a.device.name === w.device.name && a.device.ifindex === w.device.ifindex;

export class PortBandwidthKeeper {
  private readonly applied = new Map<string, AppliedPort>();
  /** Why a port's shaping failed on its device (by key), so a link notice does not retry it in a loop. */
  private readonly failed = new Map<string, { device: PortDevice; message: string }>();
  private readonly loop: PollLoop;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: DriverContext,
    private readonly opts: BandwidthKeeperOptions,
  ) {
    this.loop = new PollLoop(
      opts.pollMs ?? 5000,
      async () => void (await this.settle(true)),
      (err) => ctx.log(`port bandwidth: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** A link joined, left, came or went: a pass, without retrying what failed on the same device. */
  linkChanged(): void {
    void this.settle(false);
  }

  /**
   * One pass, after any pass already running; resolves with why a port could not be shaped,
   * by network/uuid. `retry`: try again ports that failed on the same device before.
   */
  settle(retry: boolean): Promise<ReadonlyMap<string, string>> {
    const next = this.queue.then(() => this.pass(retry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private running(): RunningNetwork[] {
    const out: RunningNetwork[] = [];
    for (const e of this.ctx.table.all()) {
      const bridge = e.status?.bridge;
      if (e.live && bridge) out.push({ name: e.name, bridge, netIn: e.live.bandwidth?.inbound ?? null });
    }
    return out;
  }

  private async pass(retry: boolean): Promise<ReadonlyMap<string, string>> {
    const nets = this.running();
    const wanted = wantedPorts(nets, this.opts.ports, this.opts.findDevice ?? bridgePortCarrying);
    const floorsChanged = new Set<string>();
    for (const [key, a] of this.applied) {
      const w = wanted.get(key);
      if (w && fits(a, w)) continue;
      this.applied.delete(key);
      await removePort(this.ctx.ip, a).catch((err: unknown) =>
        this.log(`taking ${key}'s shaping off ${a.device.name}`, err),
      );
      if (a.floor) floorsChanged.add(a.bridge);
      this.ctx.log(`port bandwidth: ${key} off ${a.device.name}`);
    }
    for (const [key, w] of wanted) {
      if (this.applied.has(key)) continue;
      const before = this.failed.get(key);
      if (!retry && before?.device.ifindex === w.device.ifindex) continue;
      try {
        const a = await applyPort(this.ctx.ip, w);
        this.applied.set(key, a);
        this.failed.delete(key);
        if (a.floor) floorsChanged.add(w.bridge);
        this.ctx.log(`port bandwidth: ${key} applied on ${w.device.name}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (before?.message !== message) this.log(`shaping ${key} on ${w.device.name}`, err);
        this.failed.set(key, { device: w.device, message });
      }
    }
    for (const key of this.failed.keys()) if (!wanted.has(key)) this.failed.delete(key);
    for (const bridge of floorsChanged) await this.rebalance(nets.find((n) => n.bridge === bridge));
    await this.removeStrayIfbs();
    return new Map([...this.failed].map(([k, f]) => [k, f.message]));
  }

  /** Gives the network's default class what its plugged floors leave. */
  private async rebalance(net: RunningNetwork | undefined): Promise<void> {
    if (!net?.netIn) return;
    let sum = 0;
    for (const a of this.applied.values()) if (a.bridge === net.bridge && a.floor) sum += a.floor.rate;
    await setDefaultRate(net.bridge, net.netIn, sum).catch((err: unknown) =>
      this.log(`setting the default class of ${net.bridge}`, err),
    );
  }

  /** Port ifbs that no applied port owns: left by a port whose device went while vnmd was down. */
  private async removeStrayIfbs(): Promise<void> {
    const owned = new Set([...this.applied.values()].map((a) => a.ifb));
    for (const name of await linkNames()) {
      if (isPortIfb(name) && !owned.has(name)) {
        await deleteLink(this.ctx.ip, name).catch((err: unknown) =>
          this.log(`deleting the stray ${name}`, err),
        );
      }
    }
  }

  private log(what: string, err: unknown): void {
    this.ctx.log(`port bandwidth: ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
