/** FAKE vnmd backend for main-process unit tests: records calls, answers from a table. */
import type { RpcMethodName, RpcParams, RpcResult, VnmEvent } from '../../../shared/rpc/contract';
import type { ConnectionStatus } from '../../../shared/api/contract';
import type { Backend } from '../backend/backend';

export class FakeBackend implements Backend {
  readonly calls: { method: RpcMethodName; params: unknown }[] = [];
  answers: Partial<Record<RpcMethodName, (params: unknown) => unknown>> = {};
  current: ConnectionStatus = { state: 'connected', uri: 'unix:/fake.sock' };
  private readonly events = new Set<(e: VnmEvent) => void>();
  private readonly statuses = new Set<(s: ConnectionStatus) => void>();

  async call<M extends RpcMethodName>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    this.calls.push({ method, params });
    await Promise.resolve();
    const answer = this.answers[method];
    if (!answer) throw new Error(`fake backend has no answer for ${method}`);
    return answer(params) as RpcResult<M>;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  onEvent(handler: (e: VnmEvent) => void): () => void {
    this.events.add(handler);
    return () => void this.events.delete(handler);
  }

  onStatus(handler: (s: ConnectionStatus) => void): () => void {
    this.statuses.add(handler);
    return () => void this.statuses.delete(handler);
  }

  emit(event: VnmEvent): void {
    for (const h of this.events) h(event);
  }

  setStatus(status: ConnectionStatus): void {
    this.current = status;
    for (const h of this.statuses) h(status);
  }

  get listenerCount(): number {
    return this.events.size + this.statuses.size;
  }

  close(): void {}
}
