/**
 * Records the events a VnmClient receives with the moment each arrived (performance.now(), the
 * same clock the test uses to time its requests), and waits for one that matches.
 */
import { performance } from 'node:perf_hooks';
import type { VnmClient } from '../../electron/client/client';
import type { VnmEvent } from '../../shared/rpc/contract';

export interface Received {
  readonly event: VnmEvent;
  readonly at: number;
}

export interface EventRecorder {
  readonly received: Received[];
  /** The first event after index `from` that `pred` accepts, or an error after timeoutMs. */
  waitFor(pred: (e: VnmEvent) => boolean, timeoutMs: number, from?: number): Promise<Received>;
  stop(): void;
}

export function recordEvents(client: VnmClient): EventRecorder {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const off = client.onEvent((event) => {
    received.push({ event, at: performance.now() });
    for (const w of [...waiters]) w();
  });
  const waitFor = (pred: (e: VnmEvent) => boolean, timeoutMs: number, from = 0) =>
    new Promise<Received>((resolve, reject) => {
      const check = () => {
        const hit = received.slice(from).find((r) => pred(r.event));
        if (!hit) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(received.slice(from))}`),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { received, waitFor, stop: off };
}

/** `{event, network}` of a lifecycle event, or null for any other type. */
export function lifecycleOf(e: VnmEvent): { event: string; network: string; seq: number } | null {
  return e.type === 'lifecycle' ? { event: e.event, network: e.network, seq: e.seq } : null;
}
