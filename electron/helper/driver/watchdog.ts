/**
 * Notices a dnsmasq that died (checked every second against /proc, identity included),
 * reports it on the network (list/info `problem`, lifecycle events) and restarts it, at most
 * a few times a minute so a dnsmasq that cannot run does not spin.
 */
import type { DriverContext } from './context';
import { networkFiles } from './files';
import { PollLoop } from './poll-loop';
import type { NetworkEntry } from './table';

const UNSAVED =
  "dnsmasq was restarted, but the network's runtime status could not be saved (vnmd keeps retrying)";
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface WatchdogOptions {
  readonly intervalMs?: number;
  readonly maxRestartsPerMinute?: number;
}

export class DnsmasqWatchdog {
  private readonly loop: PollLoop;
  private readonly maxRestarts: number;
  /** Networks whose restarted dnsmasq is tracked in memory but not yet in their status file. */
  private readonly unsaved = new Set<string>();

  constructor(
    private readonly ctx: DriverContext,
    opts: WatchdogOptions = {},
  ) {
    this.maxRestarts = opts.maxRestartsPerMinute ?? 5;
    this.loop = new PollLoop(
      opts.intervalMs ?? 1000,
      () => this.tick(),
      (err) => ctx.log(`dnsmasq watchdog: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** One pass over the running networks; public so tests can run one without waiting. */
  async tick(): Promise<void> {
    for (const e of this.ctx.table.all()) {
      if (!e.live || !e.status?.created.dnsmasq || this.loop.stopped) continue;
      if (this.unsaved.has(e.name)) await this.ctx.mutex.run(e.name, () => this.saveStatus(e));
      if (await this.healthy(e)) continue;
      await this.ctx.mutex.run(e.name, async () => {
        // Destroyed or restarted while we waited for the lock?
        if (e.live && e.status?.created.dnsmasq && !(await this.healthy(e))) await this.revive(e);
      });
    }
  }

  private async healthy(e: NetworkEntry): Promise<boolean> {
    const record = e.status?.created.dnsmasq;
    if (!record) return true;
    // A failed check (out of descriptors) cannot tell: only a check that ran says "dead".
    const found = await this.ctx.dnsmasq.find(record, e.name).catch((err: unknown) => {
      this.ctx.log(`dnsmasq watchdog: ${err instanceof Error ? err.message : String(err)}`);
      return record.pid;
    });
    return found === record.pid;
  }

  private publish(e: NetworkEntry, event: 'dnsmasq-died' | 'dnsmasq-restarted', detail: string): void {
    this.ctx.bus.publish({ type: 'lifecycle', event, network: e.name, detail });
  }

  private async revive(e: NetworkEntry): Promise<void> {
    const now = Date.now();
    e.restarts = e.restarts.filter((t) => t > now - 60_000);
    const pid = e.status?.created.dnsmasq?.pid;
    if (e.restarts.length >= this.maxRestarts) {
      const problem = `dnsmasq keeps exiting (restarted ${this.maxRestarts} times in the last minute), so DHCP and DNS are down; check vnmd's log and restart the network`;
      if (e.problem !== problem) {
        e.problem = problem;
        this.publish(e, 'dnsmasq-died', `pid ${pid} exited; not restarting for now`);
      }
      return;
    }
    e.problem = `dnsmasq (pid ${pid}) exited; restarting it`;
    this.publish(e, 'dnsmasq-died', `pid ${pid} exited`);
    e.restarts.push(now);
    let record;
    try {
      record = await this.ctx.dnsmasq.start(e.name, networkFiles(this.ctx.dirs, e.name));
    } catch (err) {
      e.problem = `dnsmasq exited and could not be restarted: ${message(err)}`;
      this.ctx.log(`network ${e.name}: ${e.problem}`);
      return;
    }
    // Tracked in memory before the save: if the save fails, the next tick must see this
    // dnsmasq alive instead of starting a second one beside it.
    e.status = { ...e.status!, created: { ...e.status!.created, dnsmasq: record } };
    e.problem = null;
    this.publish(e, 'dnsmasq-restarted', `pid ${record.pid}`);
    this.ctx.log(`restarted dnsmasq of network ${e.name} (pid ${record.pid})`);
    this.unsaved.add(e.name);
    await this.saveStatus(e);
  }

  /** Saves the status with the new dnsmasq; retried every tick until it succeeds. */
  private async saveStatus(e: NetworkEntry): Promise<void> {
    if (!e.status || !e.live) return void this.unsaved.delete(e.name);
    try {
      await this.ctx.statusStore.save(e.status);
      this.unsaved.delete(e.name);
      if (e.problem?.startsWith(UNSAVED)) e.problem = null;
    } catch (err) {
      const problem = `${UNSAVED}: ${message(err)}`;
      if (e.problem !== problem) this.ctx.log(`network ${e.name}: ${problem}`);
      e.problem = problem;
    }
  }
}
