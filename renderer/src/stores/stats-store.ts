/**
 * Live traffic, outside React state: per network a ring of (time, rx rate, tx rate) from
 * its total (the sum over its guest ports), the newest full sample (bridge and ports),
 * and an aggregate ring over all networks. Views subscribe and redraw at most once per
 * frame (use-stats-frame.ts).
 */
import type { StatsSample } from '@shared/rpc/contract';
import { RingBuffer } from './ring-buffer';

export const HISTORY_POINTS = 600;

export class Series {
  readonly time = new RingBuffer(HISTORY_POINTS);
  readonly rx = new RingBuffer(HISTORY_POINTS);
  readonly tx = new RingBuffer(HISTORY_POINTS);

  push(time: number, rx: number, tx: number): void {
    // A sample older than the newest (history arriving after live data) is dropped.
    const last = this.time.last();
    if (last !== undefined && time <= last) return;
    this.time.push(time);
    this.rx.push(rx);
    this.tx.push(tx);
  }

  clear(): void {
    this.time.clear();
    this.rx.clear();
    this.tx.clear();
  }
}

type Listener = () => void;

export class StatsStore {
  private readonly series = new Map<string, Series>();
  private readonly latest = new Map<string, StatsSample>();
  readonly aggregate = new Series();
  private readonly listeners = new Set<Listener>();
  private version = 0;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Increases with every change; views compare it to know whether to redraw. */
  getVersion(): number {
    return this.version;
  }

  seriesOf(network: string): Series | undefined {
    return this.series.get(network);
  }

  latestOf(network: string): StatsSample | undefined {
    return this.latest.get(network);
  }

  latestAll(): StatsSample[] {
    return [...this.latest.values()];
  }

  /** One stats event: every sampled network at one instant. */
  ingest(samples: readonly StatsSample[]): void {
    if (samples.length === 0) return;
    let rx = 0;
    let tx = 0;
    for (const s of samples) {
      this.seriesFor(s.network).push(s.time, s.total.rxBytesPerSec, s.total.txBytesPerSec);
      this.latest.set(s.network, s);
      rx += s.total.rxBytesPerSec;
      tx += s.total.txBytesPerSec;
    }
    this.aggregate.push(Math.max(...samples.map((s) => s.time)), rx, tx);
    this.changed();
  }

  /** History from vnmd, oldest first; replaces what the ring had before it. */
  loadHistory(network: string, samples: readonly StatsSample[]): void {
    const series = this.seriesFor(network);
    const live = series.time.length > 0 ? this.snapshot(series) : [];
    series.clear();
    for (const s of samples) series.push(s.time, s.total.rxBytesPerSec, s.total.txBytesPerSec);
    for (const [t, r, x] of live) series.push(t, r, x);
    const newest = samples.at(-1);
    if (newest && !this.latest.has(network)) this.latest.set(network, newest);
    this.changed();
  }

  /** A stopped or removed network keeps no stale rates. */
  forget(network: string): void {
    this.series.delete(network);
    this.latest.delete(network);
    this.changed();
  }

  reset(): void {
    this.series.clear();
    this.latest.clear();
    this.aggregate.clear();
    this.changed();
  }

  private snapshot(s: Series): [number, number, number][] {
    const t = s.time.tail();
    const r = s.rx.tail();
    const x = s.tx.tail();
    return t.map((time, i) => [time, r[i] ?? 0, x[i] ?? 0]);
  }

  private seriesFor(network: string): Series {
    let s = this.series.get(network);
    if (!s) {
      s = new Series();
      this.series.set(network, s);
    }
    return s;
  }

  private changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}

export const statsStore = new StatsStore();
