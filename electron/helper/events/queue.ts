/**
 * A per-connection queue of events waiting for a slow client's socket to drain. It is bounded:
 * when full, the oldest stats sample goes first (a later one supersedes it); lifecycle and
 * other "this changed" events are never dropped. If the queue is full of those, the caller
 * must close the connection: the client is too far behind to have a true picture.
 * Stats samples are also bounded on their own, and tightly: one can carry every port of every
 * network (hundreds of KB), and a client that catches up needs only the newest ones (the
 * past is in vnmd's history), so a stalled client costs a few samples, not `limit` of them.
 */
import type { VnmEvent } from '../../../shared/rpc/contract';

export const DEFAULT_QUEUE_LIMIT = 1000;
export const DEFAULT_STATS_LIMIT = 4;

export class EventQueue {
  private items: VnmEvent[] = [];
  private stats = 0;
  dropped = 0;

  constructor(
    private readonly limit = DEFAULT_QUEUE_LIMIT,
    private readonly statsLimit = Math.min(DEFAULT_STATS_LIMIT, limit),
  ) {}

  /** Returns false when the event cannot be queued without losing a non-droppable event. */
  push(event: VnmEvent): boolean {
    const isStats = event.type === 'stats';
    const full = this.items.length >= this.limit || (isStats && this.stats >= this.statsLimit);
    if (full && !this.dropOldestStats()) {
      if (!isStats) return false;
      this.dropped++;
      return true;
    }
    this.items.push(event);
    if (isStats) this.stats++;
    return true;
  }

  shift(): VnmEvent | undefined {
    const event = this.items.shift();
    if (event?.type === 'stats') this.stats--;
    return event;
  }

  private dropOldestStats(): boolean {
    const victim = this.items.findIndex((e) => e.type === 'stats');
    if (victim === -1) return false;
    this.items.splice(victim, 1);
    this.stats--;
    this.dropped++;
    return true;
  }

  get length(): number {
    return this.items.length;
  }
}
