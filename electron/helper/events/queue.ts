/**
 * A per-connection queue of events waiting for a slow client's socket to drain. It is bounded:
 * when full, the oldest stats sample goes first (a later one supersedes it); lifecycle and
 * other "this changed" events are never dropped. If the queue is full of those, the caller
 * must close the connection: the client is too far behind to have a true picture.
 */
import type { VnmEvent } from '../../../shared/rpc/contract';

export const DEFAULT_QUEUE_LIMIT = 1000;

export class EventQueue {
  private items: VnmEvent[] = [];
  dropped = 0;

  constructor(private readonly limit = DEFAULT_QUEUE_LIMIT) {}

  /** Returns false when the event cannot be queued without losing a non-droppable event. */
  push(event: VnmEvent): boolean {
    if (this.items.length < this.limit) {
      this.items.push(event);
      return true;
    }
    const victim = this.items.findIndex((e) => e.type === 'stats');
    if (victim !== -1) {
      this.items.splice(victim, 1);
      this.dropped++;
      this.items.push(event);
      return true;
    }
    if (event.type === 'stats') {
      this.dropped++;
      return true;
    }
    return false;
  }

  shift(): VnmEvent | undefined {
    return this.items.shift();
  }

  get length(): number {
    return this.items.length;
  }
}
