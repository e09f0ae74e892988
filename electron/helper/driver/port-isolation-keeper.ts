/**
 * Keeps every port of a running `<port isolated='yes'/>` network isolated: at once for the
 * ports a network has when it starts or is adopted, as each new port joins (the kernel's
 * link notice, through LinkMonitor), and on a slow poll as a backstop for a notice missed
 * while the monitor was (re)starting. Work on one bridge runs one at a time.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { isolateBridgePorts } from '../bridge/port-isolation';
import { LinkMonitor } from '../bridge/link-monitor';
import type { DriverContext } from './context';
import { PollLoop } from './poll-loop';

/** Whether the network's guest ports must be isolated from each other. */
export function wantsPortIsolation(def: NetworkDef | null): boolean {
  return def?.portIsolated === 'yes';
}

export interface KeeperOptions {
  readonly pollMs?: number;
  readonly sysNet?: string;
}

export class PortIsolationKeeper {
  private readonly monitor: LinkMonitor;
  private readonly loop: PollLoop;
  private readonly busy = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: DriverContext,
    private readonly opts: KeeperOptions = {},
  ) {
    this.monitor = new LinkMonitor(
      (join) => void this.enforce(join.master),
      (m) => ctx.log(m),
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

  private isolatedBridges(): string[] {
    return this.ctx.table
      .all()
      .filter((e) => wantsPortIsolation(e.live) && e.status?.bridge)
      .map((e) => e.status!.bridge!);
  }

  /** Isolates the bridge's ports if it belongs to a running isolated network; queued per bridge. */
  enforce(bridge: string): Promise<void> {
    if (!this.isolatedBridges().includes(bridge)) return Promise.resolve();
    const prev = this.busy.get(bridge) ?? Promise.resolve();
    const next = prev
      .then(() => isolateBridgePorts(bridge, this.opts.sysNet))
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
