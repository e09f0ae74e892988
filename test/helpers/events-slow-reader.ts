/**
 * A raw subscriber on vnmd's socket that can stop reading: it subscribes, then pauses the
 * socket so the kernel's buffer and then vnmd's per-connection queue fill up, as with a UI
 * that hangs. Resuming reads everything that was kept, parsed line by line.
 */
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import type { VnmEvent } from '../../shared/rpc/contract';

/** One JSON-RPC line from vnmd: a response (id) or a notification (method). */
export interface WireMessage {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: unknown;
  readonly error?: unknown;
}

export interface SlowReader {
  /** Messages read so far (responses and notifications), in arrival order. */
  readonly messages: WireMessage[];
  pause(): void;
  resume(): void;
  /** Resolves when vnmd ended or closed the connection. */
  readonly ended: Promise<void>;
  isEnded(): boolean;
  destroy(): void;
}

/** Connects, subscribes to `types` for every network, and resolves once vnmd said ok. */
export function slowSubscriber(path: string, types: readonly string[]): Promise<SlowReader> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createConnection(path);
    const messages: WireMessage[] = [];
    let buf = '';
    let ended = false;
    const endedP = new Promise<void>((r) => socket.once('close', () => ((ended = true), r())));
    const reader: SlowReader = {
      messages,
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      ended: endedP,
      isEnded: () => ended,
      destroy: () => socket.destroy(),
    };
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const msg = JSON.parse(buf.slice(0, nl)) as WireMessage;
        buf = buf.slice(nl + 1);
        messages.push(msg);
        if (msg.id === 1) {
          if (msg.error !== undefined) reject(new Error(`subscribe failed: ${JSON.stringify(msg.error)}`));
          else resolve(reader);
        }
      }
    });
    socket.once('error', reject);
    socket.on('connect', () => {
      const params = { types, networks: null };
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'events.subscribe', params })}\n`);
    });
  });
}

/** vnmd's resident set size in KiB, from /proc/PID/status (VmRSS). */
export function rssKiB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status; is vnmd (pid ${pid}) running?`);
  return Number(kb);
}

/** The events among a reader's messages, in arrival order. */
export function eventsOf(reader: SlowReader): VnmEvent[] {
  return reader.messages.filter((m) => m.method === 'event').map((m) => m.params as unknown as VnmEvent);
}

/** Runs of consecutive entries of `all` missing from `got`, as [first, last] pairs. */
export function missingRuns(all: readonly number[], got: readonly number[]): [number, number][] {
  const have = new Set(got);
  const runs: [number, number][] = [];
  all.forEach((x, i) => {
    if (have.has(x)) return;
    const prev = runs.at(-1);
    if (prev && i > 0 && prev[1] === all[i - 1]) prev[1] = x;
    else runs.push([x, x]);
  });
  return runs;
}
