/**
 * One client connection: reads requests line by line, answers each (responses may come out of
 * order; ids pair them), and carries event notifications with a bounded queue for slow readers.
 */
import type { Socket } from 'node:net';
import { CLOSING_NOTIFICATION, EVENT_NOTIFICATION } from '../../../shared/rpc/contract';
import type { VnmEvent } from '../../../shared/rpc/contract';
import type { EventBus, EventFilter } from '../events/bus';
import { EventQueue } from '../events/queue';
import type { CallContext, Handlers } from './dispatch';
import { dispatch } from './dispatch';
import { LineReader, MAX_LINE_BYTES } from './line-reader';
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

/** Bytes buffered in the socket beyond which events wait in the queue instead. */
const SOCKET_HIGH_WATER = 256 * 1024;
/** Requests in progress on one connection before we stop reading from it. */
const MAX_IN_FLIGHT = 64;

export interface ConnectionOptions {
  readonly readOnly: boolean;
  readonly handlers: Handlers;
  readonly bus: EventBus;
  readonly queueLimit?: number;
}

export class RpcConnection {
  private readonly reader: LineReader;
  private readonly queue: EventQueue;
  private unsubscribe: (() => void) | null = null;
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.queue = new EventQueue(opts.queueLimit);
    this.reader = new LineReader({
      line: (text) => this.handleLine(text),
      tooLong: (bytes) => this.tooLong(bytes),
    });
    socket.on('data', (chunk: Buffer) => this.reader.push(chunk));
    socket.on('drain', () => this.flushEvents());
    socket.on('close', () => this.cleanup());
    socket.on('error', () => this.cleanup());
  }

  private tooLong(bytes: number): void {
    const limit = MAX_LINE_BYTES / 1024 / 1024;
    const text = `The request is larger than ${limit} MiB (${bytes} bytes so far) and was ignored; send smaller requests.`;
    this.write(errorResponse(null, protocolError(INVALID_REQUEST, text)));
  }

  private handleLine(text: string): void {
    const req = parseRequest(text);
    if ('error' in req) {
      this.write(errorResponse(req.id, req.error));
      return;
    }
    this.inFlight++;
    if (this.inFlight >= MAX_IN_FLIGHT) this.socket.pause();
    void this.run(req).finally(() => {
      this.inFlight--;
      if (this.inFlight < MAX_IN_FLIGHT && !this.closed) this.socket.resume();
    });
  }

  private async run(req: RpcRequest): Promise<void> {
    let line: string;
    try {
      const outcome = await dispatch(this.opts.handlers, req.method, req.params, this.context());
      line =
        'result' in outcome ? resultResponse(req.id, outcome.result) : errorResponse(req.id, outcome.error);
    } catch (err) {
      line = errorResponse(req.id, errorObject(err));
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
    if (this.queue.length === 0 && this.socket.writableLength < SOCKET_HIGH_WATER) {
      this.write(notification(EVENT_NOTIFICATION, event));
      return;
    }
    if (!this.queue.push(event)) {
      this.close('the client read events too slowly and vnmd would have had to drop a lifecycle event');
    }
  }

  private flushEvents(): void {
    while (this.queue.length > 0 && this.socket.writableLength < SOCKET_HIGH_WATER) {
      const event = this.queue.shift();
      if (event) this.write(notification(EVENT_NOTIFICATION, event));
    }
  }

  /** Tells the client why and closes; the client surfaces the reason. */
  close(reason: string): void {
    if (this.closed) return;
    this.socket.write(`${notification(CLOSING_NOTIFICATION, { reason })}\n`);
    this.socket.end();
    this.cleanup();
  }

  private write(line: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(`${line}\n`);
  }

  private cleanup(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
