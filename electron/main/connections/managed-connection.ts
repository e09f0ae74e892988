/**
 * One connection of the list as a Backend that outlives its sessions: windows and IPC keep
 * one object per connection while the person connects, disconnects and connects again (each
 * session is a fresh ReconnectingBackend). Handlers stay subscribed across sessions.
 */
import type { RpcMethodName, RpcParams, RpcResult } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { Backend } from '../backend/backend';
import { BackendBase } from '../backend/backend-base';

/** A session: ReconnectingBackend, or a fake in tests. */
export interface Session extends Backend {
  start(): Promise<void>;
}

export interface ConnectionSpec {
  readonly id: string;
  readonly name: string;
  readonly uri: string;
  readonly local: boolean;
  readonly autoconnect: boolean;
}

export class ManagedConnection extends BackendBase {
  private session: Backend | null = null;
  private offSession: (() => void)[] = [];

  constructor(
    public spec: ConnectionSpec,
    private readonly newSession: () => Session,
  ) {
    super({ state: 'disconnected', uri: spec.uri });
  }

  /** Adopts a session that is already started (the local one, opened before the window). */
  adopt(session: Backend): void {
    this.attach(session);
  }

  /** Starts a new session unless one is connected or trying; resolves after its first try. */
  async connect(): Promise<void> {
    if (this.session && this.current.state !== 'failed') return;
    const session = this.newSession();
    this.attach(session);
    await session.start();
  }

  disconnect(): void {
    this.detach();
    this.setStatus({ state: 'disconnected', uri: this.spec.uri });
  }

  call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    if (!this.session) {
      return Promise.reject(
        new VnmError(
          'connection',
          `vnm is not connected to ${this.spec.name}; connect it from the connection list (Connections…) first.`,
        ),
      );
    }
    return this.session.call(method, params);
  }

  close(): void {
    this.detach();
  }

  private attach(session: Backend): void {
    this.detach();
    this.session = session;
    this.offSession = [
      session.onEvent((event) => this.events.emit(event)),
      session.onStatus((status) => this.setStatus(status)),
    ];
    this.setStatus(session.status());
  }

  private detach(): void {
    for (const off of this.offSession.splice(0)) off();
    this.session?.close();
    this.session = null;
  }
}
