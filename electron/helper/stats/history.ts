/**
 * A bounded ring of one network's samples, stored compactly and served oldest first.
 *
 * Why not keep the StatsSample objects: 100 networks × 600 samples of boxed doubles cost
 * about 55 MB of heap; here a sample is a row of doubles in one preallocated Float64Array
 * (bridge + ports, 10 doubles each; the total is recomputed on request), and the port names,
 * MACs and leases are shared between rows while they do not change. Memory is taken when
 * the ring is made, so it stays flat while the ring fills.
 */
import type { PortCounters, StatsSample } from '../../../shared/rpc/contract';
import { BLOCK_SIZE, readBlock, totalOf, writeBlock } from './sample-shape';

/** Seconds of history kept at any interval (issue 4: at least 10 minutes). */
export const HISTORY_SECONDS = 600;
/** Rows kept at the default interval of 1 s; shorter intervals keep more. */
export const MIN_HISTORY_SAMPLES = 600;

/** Ring capacity for an interval: 600 at 1 s and above, 1200 at 0.5 s. */
export function historyCapacity(intervalSec: number): number {
  return Math.max(MIN_HISTORY_SAMPLES, Math.ceil(HISTORY_SECONDS / intervalSec));
}

interface PortInfo {
  readonly name: string;
  readonly mac: string | null;
  readonly ip: string | null;
  readonly hostname: string | null;
  /** OVN networks only: the chassis's hostname. */
  readonly host: string | undefined;
}
interface RowMeta {
  readonly bridge: string;
  readonly ports: readonly PortInfo[];
}

/** time, interval, then the bridge block and one block per port. */
const ROW_HEAD = 2;

export class NetworkHistory {
  private capacity: number;
  private stride: number;
  private data: Float64Array;
  private meta: (RowMeta | undefined)[];
  private start = 0;
  private count = 0;
  private lastMeta: RowMeta | undefined;

  constructor(
    readonly network: string,
    capacity: number,
    expectedPorts = 2,
  ) {
    this.capacity = capacity;
    this.stride = strideFor(expectedPorts);
    this.data = allocRows(capacity, this.stride);
    this.meta = new Array<RowMeta | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(sample: StatsSample): void {
    const needed = strideFor(sample.ports.length);
    if (needed > this.stride) this.relayout(this.capacity, needed);
    const row = (this.start + this.count) % this.capacity;
    const at = row * this.stride;
    this.data[at] = sample.time;
    this.data[at + 1] = sample.interval;
    writeBlock(this.data, at + ROW_HEAD, sample.bridge);
    for (let p = 0; p < sample.ports.length; p++) {
      writeBlock(this.data, at + ROW_HEAD + BLOCK_SIZE * (p + 1), sample.ports[p]!);
    }
    this.meta[row] = this.metaFor(sample);
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Samples with time >= sinceMs, oldest first. */
  samples(sinceMs: number): StatsSample[] {
    const out: StatsSample[] = [];
    for (let k = 0; k < this.count; k++) {
      const row = (this.start + k) % this.capacity;
      const at = row * this.stride;
      if (this.data[at]! < sinceMs) continue;
      out.push(this.rowToSample(at, this.meta[row]!));
    }
    return out;
  }

  /** Change the capacity, keeping the newest samples. */
  resize(capacity: number): void {
    if (capacity !== this.capacity) this.relayout(capacity, this.stride);
  }

  private rowToSample(at: number, meta: RowMeta): StatsSample {
    const ports: PortCounters[] = meta.ports.map((p, i) => ({
      ...readBlock(this.data, at + ROW_HEAD + BLOCK_SIZE * (i + 1), p.name),
      mac: p.mac,
      ip: p.ip,
      hostname: p.hostname,
      ...(p.host === undefined ? {} : { host: p.host }),
    }));
    return {
      network: this.network,
      time: this.data[at]!,
      interval: this.data[at + 1]!,
      bridge: readBlock(this.data, at + ROW_HEAD, meta.bridge),
      ports,
      total: totalOf(ports),
    };
  }

  /** The previous row's meta when nothing changed, so steady rows share one object. */
  private metaFor(sample: StatsSample): RowMeta {
    const last = this.lastMeta;
    if (last !== undefined && sameMeta(last, sample)) return last;
    const meta: RowMeta = {
      bridge: sample.bridge.name,
      ports: sample.ports.map((p) => ({
        name: p.name,
        mac: p.mac,
        ip: p.ip,
        hostname: p.hostname,
        host: p.host,
      })),
    };
    this.lastMeta = meta;
    return meta;
  }

  private relayout(capacity: number, stride: number): void {
    const keep = Math.min(this.count, capacity);
    const data = allocRows(capacity, stride);
    const meta = new Array<RowMeta | undefined>(capacity);
    const first = this.count - keep; // drop the oldest rows that no longer fit
    for (let k = 0; k < keep; k++) {
      const row = (this.start + first + k) % this.capacity;
      const from = row * this.stride;
      data.set(this.data.subarray(from, from + this.stride), k * stride);
      meta[k] = this.meta[row];
    }
    this.data = data;
    this.meta = meta;
    this.capacity = capacity;
    this.stride = stride;
    this.start = 0;
    this.count = keep;
  }
}

function strideFor(ports: number): number {
  return ROW_HEAD + BLOCK_SIZE * (1 + ports);
}

function allocRows(capacity: number, stride: number): Float64Array {
  const data = new Float64Array(capacity * stride);
  data.fill(0); // touch every page now, so RSS does not creep up while the ring fills
  return data;
}

function sameMeta(meta: RowMeta, s: StatsSample): boolean {
  if (meta.bridge !== s.bridge.name || meta.ports.length !== s.ports.length) return false;
  for (let i = 0; i < s.ports.length; i++) {
    const a = meta.ports[i]!;
    const b = s.ports[i]!;
    if (a.name !== b.name || a.mac !== b.mac || a.ip !== b.ip || a.hostname !== b.hostname) return false;
    if (a.host !== b.host) return false;
  }
  return true;
}
