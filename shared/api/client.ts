/**
 * The renderer's typed view of `window.vnm`: one method per call in the contract,
 * resolving to the result or rejecting with a `VnmError` rebuilt from the error data.
 */
import { VnmError, isVnmErrorData } from '../rpc/errors';
import type {
  ApiCallName,
  ApiParams,
  ApiResult,
  AppCommand,
  AskpassRequest,
  ConnectionEntry,
  ConnectionStatus,
  InvokeResult,
  VnmBridge,
  VnmEvent,
} from './contract';
import { APP_CALLS, RPC_CALLS } from './contract';

export type VnmCalls = { readonly [C in ApiCallName]: (params: ApiParams<C>) => Promise<ApiResult<C>> };

export type VnmClient = VnmCalls & {
  onEvent(handler: (event: VnmEvent) => void): () => void;
  onConnection(handler: (status: ConnectionStatus) => void): () => void;
  onCommand(handler: (command: AppCommand) => void): () => void;
  onConnections(handler: (list: readonly ConnectionEntry[]) => void): () => void;
  onAskpass(handler: (pending: readonly AskpassRequest[]) => void): () => void;
};

/** Unwraps an invoke result; a malformed answer is itself reported as an internal error. */
export function unwrapResult<T>(result: InvokeResult<T>): T {
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value;
    if (isVnmErrorData(result.error)) throw VnmError.fromData(result.error);
  }
  throw new VnmError(
    'internal',
    'The main process sent an answer vnm cannot read; please report this as a bug.',
  );
}

export function createVnmClient(bridge: VnmBridge): VnmClient {
  const names = [...Object.keys(RPC_CALLS), ...APP_CALLS] as ApiCallName[];
  const calls: Record<string, (params: unknown) => Promise<unknown>> = {};
  for (const name of names) {
    calls[name] = async (params: unknown) =>
      unwrapResult(await bridge.invoke(name, (params ?? {}) as ApiParams<typeof name>));
  }
  return Object.freeze({
    ...(calls as unknown as VnmCalls),
    onEvent: (handler: (event: VnmEvent) => void) => bridge.listen('event', handler),
    onConnection: (handler: (status: ConnectionStatus) => void) => bridge.listen('connection', handler),
    onCommand: (handler: (command: AppCommand) => void) => bridge.listen('command', handler),
    onConnections: (handler: (list: readonly ConnectionEntry[]) => void) =>
      bridge.listen('connections', handler),
    onAskpass: (handler: (pending: readonly AskpassRequest[]) => void) => bridge.listen('askpass', handler),
  });
}
