/**
 * A Backend over one vnmd connection at a time: it subscribes to every event, and when
 * the connection drops it says so and reconnects by itself with a growing delay.
 */
import type { RpcMethodName, RpcParams, RpcResult } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { AccessDeniedError } from '../../client/client';
import type { RpcClientLike } from './backend';
import { BackendBase } from './backend-base';

export interface ReconnectingBackendOptions {
  readonly uri: string;
  readonly connect: () => Promise<RpcClientLike>;
  /** Delays between attempts in ms; the last one repeats. */
  readonly retryDelays?: readonly number[];
  /**
   * Whether a failed try is worth repeating; false makes the state 'failed' and stops (an SSH
   * key refused or an unknown host key does not mend by waiting). Default: always retry.
   */
  readonly retryable?: (err: unknown, everConnected: boolean) => boolean;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

const DEFAULT_DELAYS = [250, 500, 1000, 2000, 3000];

export class ReconnectingBackend extends BackendBase {
  private client: RpcClientLike | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private stopped = false;
  private everConnected = false;

  constructor(private readonly opts: ReconnectingBackendOptions) {
    super({ state: 'connecting', uri: opts.uri });
  }

  /** Makes the first attempt; resolves once connected or once that attempt failed. */
  async start(): Promise<void> {
    await this.tryConnect();
  }

  call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    if (!this.client) {
      const why = this.current.reason ? ` (${this.current.reason})` : '';
      const text = `vnm is not connected to vnmd${why}; it keeps reconnecting by itself, try again in a moment.`;
      return Promise.reject(new VnmError('connection', text));
    }
    return this.client.call(method, params);
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== null) (this.opts.clearTimer ?? clearTimeout)(this.timer as never);
    this.timer = null;
    this.client?.close();
    this.client = null;
  }

  private async tryConnect(): Promise<void> {
    if (this.stopped) return;
    let client: RpcClientLike;
    try {
      client = await this.opts.connect();
      await client.call('events.subscribe', {});
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (this.opts.retryable && !this.opts.retryable(err, this.everConnected)) return this.failed(reason);
      this.lost(reason, err instanceof AccessDeniedError);
      return;
    }
    if (this.stopped) return client.close();
    this.client = client;
    this.attempt = 0;
    this.everConnected = true;
    client.onEvent((event) => this.events.emit(event));
    client.onClose((reason) => {
      if (this.client !== client) return;
      this.client = null;
      this.lost(reason);
    });
    this.setStatus({ state: 'connected', uri: this.opts.uri });
  }

  private failed(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.setStatus({ state: 'failed', uri: this.opts.uri, reason });
  }

  private lost(reason: string, denied = false): void {
    if (this.stopped) return;
    this.attempt += 1;
    // Never connected yet: it stays 'connecting' (with why and how often), so the window says
    // "not connected yet" rather than "lost" for a connection it never had.
    const state = !this.everConnected
      ? 'connecting'
      : this.attempt === 1 && this.current.state === 'connected'
        ? 'lost'
        : 'reconnecting';
    const status = { state, uri: this.opts.uri, reason, attempt: this.attempt } as const;
    this.setStatus(denied ? { ...status, denied } : status);
    const delays = this.opts.retryDelays ?? DEFAULT_DELAYS;
    const delay = delays[Math.min(this.attempt - 1, delays.length - 1)] ?? 1000;
    this.timer = (this.opts.setTimer ?? setTimeout)(() => {
      this.timer = null;
      void this.tryConnect();
    }, delay);
  }
}
