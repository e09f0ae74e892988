/**
 * What the IPC handlers and both shells need from vnmd: typed calls, events and the
 * connection's state. The real one reconnects by itself (reconnecting-backend.ts); unit
 * tests pass a fake.
 */
import type { RpcMethodName, RpcParams, RpcResult, VnmEvent } from '../../../shared/rpc/contract';
import type { ConnectionStatus } from '../../../shared/api/contract';

export interface Backend {
  call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>>;
  status(): ConnectionStatus;
  /** Returns a function that removes the handler. */
  onEvent(handler: (event: VnmEvent) => void): () => void;
  onStatus(handler: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

/** The part of electron/client's VnmClient a backend uses. */
export interface RpcClientLike {
  call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>>;
  onEvent(handler: (event: VnmEvent) => void): () => void;
  onClose(handler: (reason: string) => void): () => void;
  close(): void;
}
