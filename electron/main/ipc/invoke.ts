/**
 * The one handler behind `window.vnm.invoke`, shared by the Electron and browser shells:
 * it checks the call and its params against the contracts, forwards RPC calls to vnmd,
 * answers app calls itself, and always resolves to an InvokeResult (errors as data).
 */
import { RPC_METHODS } from '../../../shared/rpc/contract';
import type { RpcMethodName } from '../../../shared/rpc/contract';
import { VnmError, toErrorData } from '../../../shared/rpc/errors';
import { useEnglishMessages } from '../../../shared/rpc/zod-locale';
import { RPC_CALLS, isApiCallName, isRpcCallName } from '../../../shared/api/contract';
import type { AppCallName, AppInfo, InvokeResult } from '../../../shared/api/contract';
import type { Backend } from '../backend/backend';

export interface InvokeDeps {
  readonly backend: Backend;
  readonly appInfo: AppInfo;
}

export type InvokeHandler = (call: unknown, params: unknown) => Promise<InvokeResult>;

export function createInvokeHandler(deps: InvokeDeps): InvokeHandler {
  return async (call, params) => {
    try {
      if (!isApiCallName(call)) {
        throw new VnmError(
          'invalid-argument',
          `The window asked for "${String(call)}", which vnm does not offer.`,
        );
      }
      const value = isRpcCallName(call)
        ? await forward(deps.backend, RPC_CALLS[call], params)
        : answerAppCall(deps, call);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
}

// A bad request from the window is refused here with zod's English sentence.
useEnglishMessages();

async function forward(backend: Backend, method: RpcMethodName, params: unknown): Promise<unknown> {
  const parsed = RPC_METHODS[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    throw new VnmError(
      'invalid-argument',
      `The request ${method} has bad parameters${where}: ${issue?.message ?? 'invalid'}.`,
      parsed.error.message,
    );
  }
  return backend.call(method, parsed.data);
}

function answerAppCall(deps: InvokeDeps, call: AppCallName): unknown {
  switch (call) {
    case 'connectionStatus':
      return deps.backend.status();
    case 'appInfo':
      return deps.appInfo;
    default:
      return assertNever(call);
  }
}

function assertNever(value: never): never {
  throw new VnmError('internal', `Unhandled call ${String(value)}; please report this as a bug.`);
}
