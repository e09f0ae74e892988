/**
 * Publishes a `leases` event when a running network's dnsmasq leases file changes. A pass
 * stats each running network's file and compares it with the last look: that sees the file
 * whether dnsmasq rewrites it in place or replaces it, appears or goes away. The first look
 * at a network only records what the file is, so starting a network or vnmd does not announce
 * leases that did not change.
 *
 * When passes run: one inotify watch on the folder that holds every network's leases file
 * runs a pass as soon as one of them changes, and a slow timer (every 5 s) stays as a safety
 * net. Without the watch (it failed), the timer runs every 250 ms. Polling every network every
 * 250 ms was most of vnmd's idle CPU with hundreds of networks running (issue 17).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DriverContext } from './context';
import { dnsmasqStateDir, networkFiles } from './files';
import { PollLoop } from './poll-loop';

export interface WatchedLeaseFile {
  readonly network: string;
  readonly file: string;
}

export interface LeaseWatcherOptions {
  /** The running networks and their leases files, asked again on every tick. */
  readonly list: () => readonly WatchedLeaseFile[];
  readonly onChange: (network: string) => void;
  readonly onError?: (err: unknown) => void;
  /** Between passes without a watch (default 250 ms). */
  readonly intervalMs?: number;
  /** The folder holding the leases files, watched for changes (none: poll only). */
  readonly watchDir?: string;
  /** Between passes while the folder is watched (default 5 s). */
  readonly watchedIntervalMs?: number;
}

const ABSENT = 'absent';

/** What identifies one version of the file: inode, size and both times to the nanosecond. */
async function stampOf(file: string): Promise<string> {
  try {
    const st = await stat(file, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ABSENT;
    throw err;
  }
}

export class LeaseWatcher {
  private readonly stamps = new Map<string, string>();
  private readonly loop: PollLoop;
  private dirWatch: FSWatcher | null = null;

  constructor(private readonly opts: LeaseWatcherOptions) {
    this.loop = new PollLoop(
      opts.intervalMs ?? 250,
      () => this.tick(),
      (err) => opts.onError?.(err),
    );
  }

  start(): void {
    this.watchFolder();
    this.loop.start();
  }

  stop(): void {
    this.dirWatch?.close();
    this.dirWatch = null;
    this.loop.stop();
  }

  private watchFolder(): void {
    const dir = this.opts.watchDir;
    if (dir === undefined || this.dirWatch) return;
    const poll = () => {
      this.dirWatch?.close();
      this.dirWatch = null;
      this.loop.setIntervalMs(this.opts.intervalMs ?? 250);
    };
    try {
      this.dirWatch = watch(dir, { persistent: false }, (_event, file) => {
        // A null name (the kernel's queue overflowed) may be any file: look at them all.
        if (file === null || file.endsWith('.leases')) this.loop.nudge();
      });
    } catch (err) {
      this.opts.onError?.(err);
      poll();
      return;
    }
    this.dirWatch.on('error', (err) => {
      this.opts.onError?.(err);
      poll();
    });
    this.loop.setIntervalMs(this.opts.watchedIntervalMs ?? 5000);
  }

  /** One pass over the running networks; public so tests can run one without waiting. */
  async tick(): Promise<void> {
    const files = this.opts.list();
    const seen = new Set(files.map((f) => f.network));
    // A network that stopped is forgotten, so its next start begins from a fresh look.
    for (const name of [...this.stamps.keys()]) if (!seen.has(name)) this.stamps.delete(name);
    const stamps = await Promise.all(files.map((f) => stampOf(f.file).catch((err: unknown) => err)));
    files.forEach((f, i) => {
      const stamp = stamps[i];
      if (typeof stamp !== 'string') {
        this.opts.onError?.(stamp);
        return;
      }
      const before = this.stamps.get(f.network);
      this.stamps.set(f.network, stamp);
      if (before !== undefined && before !== stamp && !this.loop.stopped) this.opts.onChange(f.network);
    });
  }
}

/** The running networks of the driver and where their dnsmasq keeps its leases. */
export function runningLeaseFiles(ctx: DriverContext): () => WatchedLeaseFile[] {
  return () =>
    ctx.table
      .all()
      .filter((e) => e.live !== null)
      .map((e) => ({ network: e.name, file: networkFiles(ctx.dirs, e.name).leaseFile }));
}

/** A watcher that publishes on the driver's event bus. */
export function leaseWatcher(ctx: DriverContext, intervalMs?: number): LeaseWatcher {
  return new LeaseWatcher({
    list: runningLeaseFiles(ctx),
    onChange: (network) => ctx.bus.publish({ type: 'leases', network }),
    onError: (err) => ctx.log(`leases watcher: ${err instanceof Error ? err.message : String(err)}`),
    intervalMs,
    watchDir: dnsmasqStateDir(ctx.dirs),
  });
}
