/**
 * One client connection: reads requests line by line, answers each (responses may come out of
 * order; ids pair them), and carries event notifications with a bounded queue for slow readers.
 *
 * Nothing a client does may make vnmd hold more for it than a fixed amount: requests are read
 * only while fewer than MAX_IN_FLIGHT run and while its answers fit under SOCKET_HIGH_WATER
 * (a client that does not read stops being read, and is dropped when it has not drained for
 * the drain timeout); a request line must be finished within its deadline (slowloris);
 * on the read-only socket, a client that holds a slot without asking anything (no request
 * running, none sent for the idle timeout, no event subscription) is closed.
 */
import type { Socket } from 'node:net';
import { CLOSING_NOTIFICATION, EVENT_NOTIFICATION } from '../../../shared/rpc/contract';
import type { VnmEvent } from '../../../shared/rpc/contract';
import type { EventBus, EventFilter } from '../events/bus';
import { EventQueue } from '../events/queue';
import type { CallContext, Handlers } from './dispatch';
import { dispatch } from './dispatch';
import type { FairGate } from './fair-gate';
import { LineReader, MAX_LINE_BYTES } from '../../wire/line-reader';
import type { RpcRequest } from './protocol';
import {
  errorObject,
  errorResponse,
  INVALID_REQUEST,
  notification,
  parseRequest,
  protocolError,
  resultResponse,
} from './protocol';

/** Bytes buffered in the socket beyond which events wait in the queue and requests are not read. */
const SOCKET_HIGH_WATER = 256 * 1024;
/** Requests in progress on one connection before we stop reading from it. */
const MAX_IN_FLIGHT = 64;
/** How long a request line may take from its first byte to its newline. */
const DEFAULT_LINE_DEADLINE_MS = 10_000;
/** How long a client may leave its answers unread (buffer over SOCKET_HIGH_WATER) before it is dropped. */
const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
/** How long a closing client gets to take its last line before its socket is destroyed. */
const CLOSE_GRACE_MS = 5_000;

/**
 * How long a read-only client may sit silent with nothing running and no subscription. Its
 * slot is one of a capped few that every local user shares; a client that listens for
 * events (the window) is not idle, and one that asks now and then is not either.
 */
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** VNMD_CLIENT_IDLE_TIMEOUT_MS shortens the read-only socket's idle timeout for tests. */
export function idleTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VNMD_CLIENT_IDLE_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IDLE_TIMEOUT_MS;
}

/** VNMD_CLIENT_LINE_DEADLINE_MS shortens the slowloris deadline for tests. */
export function lineDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VNMD_CLIENT_LINE_DEADLINE_MS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LINE_DEADLINE_MS;
}

/** VNMD_CLIENT_DRAIN_TIMEOUT_MS shortens the drain timeout for tests; nothing else should need it. */
export function drainTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.VNMD_CLIENT_DRAIN_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_DRAIN_TIMEOUT_MS;
}

export interface ConnectionOptions {
  readonly readOnly: boolean;
  readonly handlers: Handlers;
  readonly bus: EventBus;
  readonly queueLimit?: number;
  /** Longest request line accepted (the read-only socket takes no large requests). */
  readonly maxLineBytes?: number;
  /** Turns shared with the socket's other clients (the read-only socket has one). */
  readonly gate?: FairGate;
  /** Closes the client after this long silent, with nothing running and no subscription. */
  readonly idleMs?: number;
  /** Requests in progress on one connection before we stop reading from it (default 64). */
  readonly maxInFlight?: number;
}

export class RpcConnection {
  private readonly reader: LineReader;
  private readonly queue: EventQueue;
  private readonly lines: string[] = [];
  private readonly drainTimeout = drainTimeoutMs();
  private readonly lineDeadline = lineDeadlineMs();
  private unsubscribe: (() => void) | null = null;
  private inFlight = 0;
  private closed = false;
  private lineTimer: NodeJS.Timeout | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Requests that wait for the client to take its answers before they run. */
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.queue = new EventQueue(opts.queueLimit);
    this.reader = new LineReader(
      {
        line: (text) => {
          this.lines.push(text);
          this.stopLineTimer();
        },
        tooLong: (bytes) => this.tooLong(bytes),
      },
      opts.maxLineBytes ?? MAX_LINE_BYTES,
    );
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      this.pump();
    });
    socket.on('drain', () => this.drained());
    socket.on('close', () => this.cleanup());
    socket.on('error', () => this.cleanup());
    // A client that connects and says nothing is idle from the start.
    this.watchIdle();
  }

  private tooLong(bytes: number): void {
    const limit = this.opts.maxLineBytes ?? MAX_LINE_BYTES;
    const size = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`;
    const where = this.opts.readOnly ? ' on the read-only socket' : '';
    const text = `The request is larger than ${size}${where} (${bytes} bytes so far) and was ignored; send smaller requests.`;
    this.write(errorResponse(null, protocolError(INVALID_REQUEST, text)));
  }

  /** Whether this client's answers are piling up unread. */
  private backedUp(): boolean {
    return this.socket.writableLength >= SOCKET_HIGH_WATER;
  }

  /** Starts the requests that may start now; reads more only when all of them could. */
  private pump(): void {
    while (!this.closed && this.lines.length > 0 && this.inFlight < this.maxInFlight && !this.backedUp()) {
      this.handleLine(this.lines.shift()!);
    }
    if (this.closed) return;
    const blocked = this.lines.length > 0 || this.inFlight >= this.maxInFlight || this.backedUp();
    if (blocked) this.socket.pause();
    else this.socket.resume();
    this.watchLine(blocked);
    this.watchIdle();
  }

  /** (Re)starts the idle deadline on every activity; holds it while work or a subscription is on. */
  private watchIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const busy = this.inFlight > 0 || this.lines.length > 0 || this.unsubscribe !== null;
    if (this.closed || this.opts.idleMs === undefined || busy) return;
    const seconds = this.opts.idleMs / 1000;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.close(`the client sent no request for ${seconds} s and listens for no events`);
    }, this.opts.idleMs);
  }

  /** Arms the half-sent-line deadline while a line is unfinished and we are the ones reading. */
  private watchLine(blocked: boolean): void {
    if (!this.reader.partial || blocked) {
      this.stopLineTimer();
      return;
    }
    this.lineTimer ??= setTimeout(() => {
      this.lineTimer = null;
      this.close(`a request line was not finished within ${this.lineDeadline / 1000} s`);
    }, this.lineDeadline);
  }

  private stopLineTimer(): void {
    if (this.lineTimer) clearTimeout(this.lineTimer);
    this.lineTimer = null;
  }

  private handleLine(text: string): void {
    const req = parseRequest(text);
    if ('error' in req) {
      this.write(errorResponse(req.id, req.error));
      return;
    }
    this.inFlight++;
    void this.run(req).finally(() => {
      this.inFlight--;
      this.pump();
    });
  }

  private get maxInFlight(): number {
    return this.opts.maxInFlight ?? MAX_IN_FLIGHT;
  }

  /**
   * Takes a turn (the read-only socket's gate) while the client's unread answers are under
   * the high-water mark: an answer is only made for a client that takes its answers, so
   * what vnmd holds for one is its requests in flight plus one high-water mark of output.
   */
  private async turn(): Promise<(() => void) | null> {
    for (;;) {
      while (this.backedUp() && !this.closed) await new Promise<void>((r) => this.drainWaiters.push(r));
      const leave = this.opts.gate ? await this.opts.gate.enter(this) : null;
      if (!this.backedUp() || this.closed) return leave;
      leave?.();
    }
  }

  private async run(req: RpcRequest): Promise<void> {
    const leave = await this.turn();
    let line: string;
    try {
      if (this.closed) return;
      const outcome = await dispatch(this.opts.handlers, req.method, req.params, this.context());
      line =
        'result' in outcome ? resultResponse(req.id, outcome.result) : errorResponse(req.id, outcome.error);
    } catch (err) {
      line = errorResponse(req.id, errorObject(err));
    } finally {
      leave?.();
    }
    if (req.wantsReply) this.write(line);
  }

  private context(): CallContext {
    return {
      readOnly: this.opts.readOnly,
      subscribe: (filter: EventFilter) => {
        this.unsubscribe?.();
        this.unsubscribe = this.opts.bus.subscribe(filter, (event) => this.pushEvent(event));
      },
      unsubscribe: () => {
        this.unsubscribe?.();
        this.unsubscribe = null;
      },
    };
  }

  private pushEvent(event: VnmEvent): void {
    if (this.closed) return;
    if (this.queue.length === 0 && !this.backedUp()) {
      this.write(notification(EVENT_NOTIFICATION, event), false);
      return;
    }
    if (!this.queue.push(event)) {
      this.close('the client read events too slowly and vnmd would have had to drop a lifecycle event');
    }
  }

  private drained(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.wakeDrainWaiters();
    while (this.queue.length > 0 && !this.backedUp()) {
      const event = this.queue.shift();
      if (event) this.write(notification(EVENT_NOTIFICATION, event), false);
    }
    this.pump();
  }

  /** Tells the client why and closes; the client surfaces the reason. */
  close(reason: string): void {
    if (this.closed) return;
    this.socket.end(`${notification(CLOSING_NOTIFICATION, { reason })}\n`, () => this.socket.destroy());
    // A client that does not read may never take that line: its descriptor must not stay ours.
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    this.cleanup();
  }

  /**
   * Writes one line. Answers left unread arm the drop timer; events do not: a subscriber
   * that stops reading is bounded by its event queue, which closes it when it must.
   */
  private write(line: string, answer = true): void {
    if (this.closed || !this.socket.writable) return;
    this.socket.write(`${line}\n`);
    if (answer && this.backedUp() && !this.drainTimer) {
      this.drainTimer = setTimeout(() => this.socket.destroy(), this.drainTimeout);
      this.drainTimer.unref();
    }
  }

  private wakeDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }

  private cleanup(): void {
    this.closed = true;
    this.wakeDrainWaiters();
    this.lines.length = 0;
    this.opts.gate?.forget(this);
    for (const t of [this.lineTimer, this.drainTimer, this.idleTimer]) if (t) clearTimeout(t);
    this.lineTimer = this.drainTimer = this.idleTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
