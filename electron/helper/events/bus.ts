/**
 * The event bus of vnmd: the driver (and later stats and leases watchers) publish events here;
 * each subscribed RPC connection gets the ones its filter accepts, numbered in one sequence so
 * a client can tell when it missed some.
 */
import type { VnmEvent } from '../../../shared/rpc/contract';

/** An event before the bus numbers it. */
export type VnmEventInput = VnmEvent extends infer E ? (E extends VnmEvent ? Omit<E, 'seq'> : never) : never;

export interface EventFilter {
  readonly types: readonly VnmEvent['type'][];
  /** null: every network. Events that name no network (stats, interfaces) always pass. */
  readonly networks: readonly string[] | null;
}

export type EventListener = (event: VnmEvent) => void;

export class EventBus {
  private seq = 0;
  private readonly listeners = new Map<number, { filter: EventFilter; listener: EventListener }>();
  private nextId = 1;

  subscribe(filter: EventFilter, listener: EventListener): () => void {
    const id = this.nextId++;
    this.listeners.set(id, { filter, listener });
    return () => this.listeners.delete(id);
  }

  publish(input: VnmEventInput): VnmEvent {
    const event = { ...input, seq: ++this.seq };
    for (const { filter, listener } of [...this.listeners.values()]) {
      if (accepts(filter, event)) listener(event);
    }
    return event;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}

function accepts(filter: EventFilter, event: VnmEvent): boolean {
  if (!filter.types.includes(event.type)) return false;
  if (filter.networks === null || !('network' in event)) return true;
  return filter.networks.includes(event.network);
}
