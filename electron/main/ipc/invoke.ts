/**
 * The one handler behind `window.vnm.invoke`, shared by the Electron and browser shells:
 * it checks the call and its params against the contracts, forwards RPC calls to the vnmd of
 * the calling window's connection, answers app calls itself, and always resolves to an
 * InvokeResult (errors as data).
 */
import { RPC_METHODS } from '../../../shared/rpc/contract';
import type { RpcMethodName } from '../../../shared/rpc/contract';
import { VnmError, toErrorData } from '../../../shared/rpc/errors';
import { useEnglishMessages } from '../../../shared/rpc/zod-locale';
import { LOCAL_CONNECTION, RPC_CALLS, isApiCallName, isRpcCallName } from '../../../shared/api/contract';
import type { AppCallName, AppCalls, AppInfo, InvokeResult } from '../../../shared/api/contract';
import type { Backend } from '../backend/backend';
import type { ConnectionRegistry } from '../connections/registry';
import { APP_CALL_PARAMS } from './app-call-params';

/** What the shell knows of the window that called. */
export interface CallerPage {
  /** The connection the window shows (its `?connection=` id). */
  readonly connection: string;
  /** The Electron window that called (webContents id), so it can be reloaded in place. */
  readonly windowId?: number;
}

export interface InvokeDeps {
  /** The Backend of a connection id; undefined when there is no such connection (any more). */
  readonly backendFor: (connection: string) => Backend | undefined;
  readonly appInfo: AppInfo;
  /** The connection list; absent where a shell serves one connection only (tests). */
  readonly connections?: ConnectionRegistry;
  /** How this shell shows a connection's details: the browser's address, or Electron loads it. */
  readonly openConnection?: (id: string, newWindow: boolean, caller: CallerPage) => { url: string | null };
}

export type InvokeHandler = (call: unknown, params: unknown, caller?: CallerPage) => Promise<InvokeResult>;

const LOCAL_PAGE: CallerPage = { connection: LOCAL_CONNECTION };

export function createInvokeHandler(deps: InvokeDeps): InvokeHandler {
  return async (call, params, caller = LOCAL_PAGE) => {
    try {
      if (!isApiCallName(call)) {
        throw new VnmError(
          'invalid-argument',
          `The window asked for "${String(call)}", which vnm does not offer.`,
        );
      }
      const value = isRpcCallName(call)
        ? await forward(backendOf(deps, caller), RPC_CALLS[call], params)
        : answerAppCall(deps, call, checked(call, params), caller);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
}

// A bad request from the window is refused here with zod's English sentence.
useEnglishMessages();

function backendOf(deps: InvokeDeps, caller: CallerPage): Backend {
  const backend = deps.backendFor(caller.connection);
  if (!backend) {
    throw new VnmError(
      'not-found',
      `This window's connection "${caller.connection}" is not in the connection list any more; open another one from Connections….`,
    );
  }
  return backend;
}

function refuseBadParams(
  name: string,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[]; message: string },
): never {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new VnmError(
    'invalid-argument',
    `The request ${name} has bad parameters${where}: ${issue?.message ?? 'invalid'}.`,
    error.message,
  );
}

async function forward(backend: Backend, method: RpcMethodName, params: unknown): Promise<unknown> {
  const parsed = RPC_METHODS[method].params.safeParse(params ?? {});
  if (!parsed.success) refuseBadParams(method, parsed.error);
  return backend.call(method, parsed.data);
}

function checked<C extends AppCallName>(call: C, params: unknown): AppCalls[C]['params'] {
  const parsed = APP_CALL_PARAMS[call].safeParse(params ?? {});
  if (!parsed.success) refuseBadParams(call, parsed.error);
  return parsed.data as AppCalls[C]['params'];
}

function registry(deps: InvokeDeps): ConnectionRegistry {
  if (!deps.connections) throw new VnmError('unsupported', 'This vnm serves one connection only.');
  return deps.connections;
}

function answerAppCall<C extends AppCallName>(
  deps: InvokeDeps,
  call: C,
  params: AppCalls[C]['params'],
  caller: CallerPage,
): unknown {
  const p = params as { readonly id: string };
  switch (call) {
    case 'connectionStatus':
      return backendOf(deps, caller).status();
    case 'appInfo':
      return deps.appInfo;
    case 'listConnections':
      return registry(deps).list();
    case 'addConnection':
      return registry(deps).add(params as AppCalls['addConnection']['params']);
    case 'removeConnection':
      registry(deps).remove(p.id);
      return null;
    case 'connectConnection':
      registry(deps).connect(p.id);
      return null;
    case 'disconnectConnection':
      registry(deps).disconnect(p.id);
      return null;
    case 'openConnection': {
      const { id, newWindow } = params as AppCalls['openConnection']['params'];
      if (!registry(deps).get(id))
        throw new VnmError('not-found', `There is no connection "${id}" any more.`);
      if (!deps.openConnection) throw new VnmError('unsupported', 'This vnm cannot open another connection.');
      return deps.openConnection(id, newWindow, caller);
    }
    case 'answerAskpass': {
      const { id, answer } = params as AppCalls['answerAskpass']['params'];
      registry(deps).askpass.answer(id, answer);
      return null;
    }
    default:
      return assertNever(call);
  }
}

function assertNever(value: never): never {
  throw new VnmError('internal', `Unhandled call ${String(value)}; please report this as a bug.`);
}
