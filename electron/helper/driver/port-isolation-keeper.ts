/**
 * Keeps every port of a running `<port isolated='yes'/>` network isolated, and the port of
 * each recorded network port (net-port-create) whose isolation is 'yes': at once for the ports
 * a network has when it starts or is adopted, or when a port is recorded, as each new port
 * joins (the kernel's link notice, through LinkMonitor), and on a slow poll as a backstop for
 * a notice missed while the monitor was (re)starting. Work on one bridge runs one at a time.
 * A recorded port with isolated='no' is left alone on an isolated network, as libvirt does.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { carriesMac, isolateBridgePorts, portMac } from '../bridge/port-isolation';
import { LinkMonitor } from '../bridge/link-monitor';
import type { DriverContext } from './context';
import { PollLoop } from './poll-loop';

/** Whether the network's guest ports must be isolated from each other. */
export function wantsPortIsolation(def: NetworkDef | null): boolean {
  return def?.portIsolated === 'yes';
}

/** The recorded ports of each network (driver/ports.ts). */
export interface PortView {
  list(network: string): readonly NetworkPortDef[];
}

export interface KeeperOptions {
  readonly pollMs?: number;
  readonly sysNet?: string;
  readonly ports?: PortView;
  /** Told of every link change the monitor sees (the one monitor vnmd runs; the bandwidth keeper's). */
  readonly onLinkChange?: () => void;
}

/** Which bridge port devices to isolate, from the network's flag and its recorded ports. */
export function isolationChoice(
  def: NetworkDef | null,
  ports: readonly NetworkPortDef[],
): ((deviceMac: string | null) => boolean) | null {
  const all = wantsPortIsolation(def);
  const macs = (isolated: 'yes' | 'no') => ports.filter((p) => p.isolated === isolated).map((p) => p.mac);
  const yes = macs('yes');
  const no = macs('no');
  if (!all && yes.length === 0) return null;
  const carries = (mac: string | null, list: readonly string[]) =>
    mac !== null && list.some((m) => carriesMac(mac, m));
  return all ? (mac) => !carries(mac, no) : (mac) => carries(mac, yes);
}

export class PortIsolationKeeper {
  private readonly monitor: LinkMonitor;
  private readonly loop: PollLoop;
  private readonly busy = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: DriverContext,
    private readonly opts: KeeperOptions = {},
  ) {
    const changed = opts.onLinkChange ?? (() => undefined);
    this.monitor = new LinkMonitor(
      (join) => {
        void this.enforce(join.master);
        changed();
      },
      (m) => ctx.log(m),
      changed,
    );
    this.loop = new PollLoop(
      opts.pollMs ?? 5000,
      () => this.sweep(),
      (err) => ctx.log(`port isolation: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Starts listening first, then sweeps, so no port slips between the two. */
  start(): void {
    this.monitor.start();
    this.loop.start();
  }

  stop(): void {
    this.monitor.stop();
    this.loop.stop();
  }

  /** Isolates the ports of every running isolated network; public so a start can ask at once. */
  async sweep(): Promise<void> {
    await Promise.all(this.isolatedBridges().map((b) => this.enforce(b)));
  }

  /** Running networks with ports to isolate: bridge -> which port devices. */
  private choices(): Map<string, (deviceMac: string | null) => boolean> {
    const out = new Map<string, (deviceMac: string | null) => boolean>();
    for (const e of this.ctx.table.all()) {
      const bridge = e.status?.bridge;
      if (!e.live || !bridge) continue;
      const choice = isolationChoice(e.live, this.opts.ports?.list(e.name) ?? []);
      if (choice) out.set(bridge, choice);
    }
    return out;
  }

  private isolatedBridges(): string[] {
    return [...this.choices().keys()];
  }

  /** Isolates the bridge's ports if it belongs to a running isolated network; queued per bridge. */
  enforce(bridge: string): Promise<void> {
    if (!this.choices().has(bridge)) return Promise.resolve();
    const sysNet = this.opts.sysNet;
    const prev = this.busy.get(bridge) ?? Promise.resolve();
    const next = prev
      .then(() => {
        // Asked again once queued: a port recorded meanwhile counts.
        const choice = this.choices().get(bridge);
        return choice
          ? isolateBridgePorts(this.ctx.ip, bridge, sysNet, (p) => choice(portMac(p, sysNet)))
          : [];
      })
      .then((ports) => {
        if (ports.length > 0) this.ctx.log(`port isolation: isolated ${ports.join(', ')} on ${bridge}`);
      })
      .catch((err: unknown) =>
        this.ctx.log(`port isolation on ${bridge}: ${err instanceof Error ? err.message : String(err)}`),
      );
    this.busy.set(bridge, next);
    void next.finally(() => {
      if (this.busy.get(bridge) === next) this.busy.delete(bridge);
    });
    return next;
  }
}
