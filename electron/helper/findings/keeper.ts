/**
 * vnmd's findings, kept: read once at start, again (debounced) after every lifecycle event that
 * can change them and after a fix is applied, and on `host.findings {refresh: true}`. The
 * `findings` event goes out only when they changed (checkedAt aside), so a subscriber hears of
 * a new problem without polling and of nothing else. Reads never overlap: a change during a
 * read queues one more read after it, and requests meanwhile share that one.
 */
import type { Findings, VnmEvent } from '../../../shared/rpc/contract';
import type { EventBus } from '../events/bus';

/** Lifecycle events after which the findings may differ. */
const TRIGGERS: ReadonlySet<string> = new Set([
  'started',
  'stopped',
  'updated',
  'dnsmasq-died',
  'dnsmasq-restarted',
]);

export interface FindingsKeeperOptions {
  readonly read: () => Promise<Findings>;
  readonly bus: EventBus;
  readonly log: (message: string) => void;
  /** Quiet time after the last trigger before the read; default 250 ms. */
  readonly debounceMs?: number;
}

const sameFindings = (a: Findings, b: Findings) =>
  JSON.stringify({ ...a, checkedAt: 0 }) === JSON.stringify({ ...b, checkedAt: 0 });

export class FindingsKeeper {
  private last: Findings | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The read queued behind the one in flight (not started yet), shared by every caller. */
  private queued: Promise<Findings> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: FindingsKeeperOptions) {}

  start(): void {
    this.unsubscribe = this.opts.bus.subscribe({ types: ['lifecycle'], networks: null }, (e: VnmEvent) => {
      if (e.type === 'lifecycle' && TRIGGERS.has(e.event)) this.changed();
    });
    this.changed(0);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Something may have changed: read again once things are quiet for a moment. */
  changed(delayMs = this.opts.debounceMs ?? 250): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((err: unknown) =>
        this.opts.log(`findings: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, delayMs);
    this.timer.unref();
  }

  /** The last findings, or a fresh read when asked (or when there is none yet). */
  current(refresh: boolean): Promise<Findings> {
    return refresh || this.last === null ? this.refresh() : Promise.resolve(this.last);
  }

  /** Reads the host now (after a read in flight), publishes if the findings changed. */
  refresh(): Promise<Findings> {
    if (this.queued) return this.queued;
    const read = this.tail.then(async () => {
      this.queued = null;
      const found = await this.opts.read();
      const before = this.last;
      this.last = found;
      if (before === null || !sameFindings(before, found)) {
        this.opts.bus.publish({ type: 'findings', findings: found });
      }
      return found;
    });
    this.queued = read;
    this.tail = read.catch(() => undefined);
    return read;
  }
}
