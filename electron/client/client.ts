/**
 * The vnmd RPC client used by the CLI and by Electron main: one connection (a UNIX socket, or
 * any duplex stream such as ssh's stdio to `vnm proxy`), typed calls checked against the
 * shared contract on the way back, and event notifications.
 */
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import { CLOSING_NOTIFICATION, EVENT_NOTIFICATION, RPC_METHODS, VnmEvent } from '../../shared/rpc/contract';
import type { RpcMethodName, RpcParams, RpcResult } from '../../shared/rpc/contract';
import { isVnmErrorData, VnmError } from '../../shared/rpc/errors';
import { LineReader, MAX_LINE_BYTES } from '../wire/line-reader';
import { accessFacts, connectErrorMessage } from './connect-error';

const MIB = 1024 * 1024;

interface Pending {
  readonly method: RpcMethodName;
  resolve(value: unknown): void;
  reject(err: VnmError): void;
}

export type EventHandler = (event: VnmEvent) => void;

/**
 * A connection the socket's permissions refused (EACCES, EPERM): vnmd runs, and this account
 * may not use that socket. Still a 'connection' error for everything that switches on kinds.
 */
export class AccessDeniedError extends VnmError {
  constructor(message: string) {
    super('connection', message);
    this.name = 'AccessDeniedError';
  }
}

/** Connects to vnmd; the error says how to start it, or how to get access (connect-error.ts). */
export function connectVnmd(path: string): Promise<VnmClient> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(new VnmClient(socket, path));
    });
    socket.once('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      const message = connectErrorMessage(accessFacts(code, path));
      const denied = code === 'EACCES' || code === 'EPERM';
      reject(denied ? new AccessDeniedError(message) : new VnmError('connection', message));
    });
  });
}

export class VnmClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventHandlers = new Set<EventHandler>();
  private readonly closeHandlers = new Set<(reason: string) => void>();
  private closeReason: string | null = null;
  private readonly streamClosed: Promise<void>;

  /** `path` names the other end for messages: a socket path or a connection URI. */
  constructor(
    private readonly stream: Duplex,
    readonly path: string,
  ) {
    const reader = new LineReader(
      {
        line: (text) => this.handleLine(text),
        tooLong: () => this.fail('vnmd sent a line that is too long'),
      },
      64 * 1024 * 1024,
    );
    this.streamClosed = new Promise((resolve) => stream.once('close', () => resolve()));
    stream.on('data', (chunk: Buffer) => reader.push(chunk));
    stream.on('error', (err) => this.fail(`connection to vnmd failed: ${err.message}`));
    stream.on('end', () => this.fail('vnmd closed the connection'));
    stream.on('close', () => this.fail('vnmd closed the connection'));
  }

  call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    if (this.closeReason !== null) return Promise.reject(new VnmError('connection', this.closeReason));
    const id = this.nextId++;
    const line = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const bytes = Buffer.byteLength(line);
    // vnmd skips an over-long line and can only answer it with id null, so refuse it here,
    // where the caller can still be told which request it was.
    if (bytes > MAX_LINE_BYTES) {
      const text =
        `the request is too large: ${method} is ${(bytes / MIB).toFixed(1)} MiB, ` +
        `and vnmd accepts at most ${MAX_LINE_BYTES / MIB} MiB per request`;
      return Promise.reject(new VnmError('invalid-argument', text));
    }
    return new Promise<RpcResult<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve, reject });
      this.stream.write(`${line}\n`);
    });
  }

  /** Receives events after an events.subscribe call; returns an unsubscribe function. */
  onEvent(handler: EventHandler): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  onClose(handler: (reason: string) => void): () => void {
    this.closeHandlers.add(handler);
    return () => this.closeHandlers.delete(handler);
  }

  get closed(): boolean {
    return this.closeReason !== null;
  }

  /** Resolves once the stream is closed for good (over ssh: once the ssh process has exited). */
  whenStreamClosed(): Promise<void> {
    return this.streamClosed;
  }

  close(): void {
    this.fail('the client closed the connection');
    this.stream.destroy();
  }

  private handleLine(text: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.fail('vnmd sent a line that is not JSON');
      return;
    }
    if (typeof msg.method === 'string') this.handleNotification(msg.method, msg.params);
    else this.handleResponse(msg);
  }

  private handleNotification(method: string, params: unknown): void {
    if (method === EVENT_NOTIFICATION) {
      const parsed = VnmEvent.safeParse(params);
      if (parsed.success) for (const h of [...this.eventHandlers]) h(parsed.data);
    } else if (method === CLOSING_NOTIFICATION) {
      const reason = (params as { reason?: unknown } | null)?.reason;
      this.fail(`vnmd closed the connection: ${typeof reason === 'string' ? reason : 'no reason given'}`);
    }
  }

  private handleResponse(msg: Record<string, unknown>): void {
    if (msg.id === null && msg.error !== undefined) {
      this.failPending(toVnmError(msg.error));
      return;
    }
    const id = typeof msg.id === 'number' ? msg.id : -1;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (msg.error !== undefined) {
      p.reject(toVnmError(msg.error));
      return;
    }
    const parsed = RPC_METHODS[p.method].result.safeParse(msg.result);
    if (parsed.success) p.resolve(parsed.data);
    else
      p.reject(
        new VnmError('internal', `vnmd sent a malformed result for ${p.method}: ${parsed.error.message}`),
      );
  }

  /**
   * vnmd could not tell which request an error is for (a line it could not read), so none
   * of the calls waiting here will ever get its own answer: fail them all, keep the socket.
   */
  private failPending(err: VnmError): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private fail(reason: string): void {
    if (this.closeReason !== null) return;
    this.closeReason = reason;
    for (const p of this.pending.values()) p.reject(new VnmError('connection', reason));
    this.pending.clear();
    for (const h of [...this.closeHandlers]) h(reason);
    this.stream.destroy();
  }
}

function toVnmError(error: unknown): VnmError {
  const data = (error as { data?: unknown } | null)?.data;
  if (isVnmErrorData(data)) return VnmError.fromData(data);
  const message = (error as { message?: unknown } | null)?.message;
  return new VnmError('internal', typeof message === 'string' ? message : 'vnmd sent an unreadable error');
}
