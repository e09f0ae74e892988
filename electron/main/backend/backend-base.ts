/** What every Backend keeps the same way: its status, and who listens to its events and status. */
import type { RpcMethodName, RpcParams, RpcResult, VnmEvent } from '../../../shared/rpc/contract';
import type { ConnectionStatus } from '../../../shared/api/contract';
import type { Backend } from './backend';
import { Listeners } from './listeners';

export abstract class BackendBase implements Backend {
  protected readonly events = new Listeners<VnmEvent>();
  private readonly statuses = new Listeners<ConnectionStatus>();

  constructor(protected current: ConnectionStatus) {}

  abstract call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>>;
  abstract close(): void;

  status(): ConnectionStatus {
    return this.current;
  }

  onEvent(handler: (event: VnmEvent) => void): () => void {
    return this.events.add(handler);
  }

  onStatus(handler: (status: ConnectionStatus) => void): () => void {
    return this.statuses.add(handler);
  }

  protected setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.statuses.emit(status);
  }
}
