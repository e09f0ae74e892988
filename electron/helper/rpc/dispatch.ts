/**
 * The dispatch table of vnmd, typed from the shared contract: permission first (as libvirt
 * checks its ACL first thing in every entry point), then params through the method's zod
 * schema, then the handler.
 */
import type * as z from 'zod/mini';
import { RPC_METHODS, isRpcMethodName } from '../../../shared/rpc/contract';
import type { RpcMethodName, RpcMethods, RpcResult } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { useEnglishMessages } from '../../../shared/rpc/zod-locale';
import type { EventFilter } from '../events/bus';
import { describeZodError, errorObject, METHOD_NOT_FOUND, protocolError } from './protocol';
import type { RpcErrorObject } from './protocol';

/** What a handler may know about the connection that called it. */
export interface CallContext {
  readonly readOnly: boolean;
  subscribe(filter: EventFilter): void;
  unsubscribe(): void;
}

export type ParamsOf<M extends RpcMethodName> = z.output<RpcMethods[M]['params']>;

export type Handlers = {
  [M in RpcMethodName]: (params: ParamsOf<M>, ctx: CallContext) => Promise<RpcResult<M>> | RpcResult<M>;
};

// Params errors go back to the client as sentences: vnmd names the problem, not zod's code.
useEnglishMessages();

export type DispatchOutcome = { result: unknown } | { error: RpcErrorObject };

export async function dispatch(
  handlers: Handlers,
  method: string,
  rawParams: unknown,
  ctx: CallContext,
): Promise<DispatchOutcome> {
  if (!isRpcMethodName(method)) {
    const known = Object.keys(RPC_METHODS).join(', ');
    return {
      error: protocolError(METHOD_NOT_FOUND, `Unknown method "${clip(method)}"; vnmd knows: ${known}.`),
    };
  }
  const spec = RPC_METHODS[method];
  if (spec.permission === 'write' && ctx.readOnly) {
    const text = `${method} changes the host and is refused on the read-only socket; connect to the read-write socket (group vnm or root).`;
    return { error: errorObject(new VnmError('permission-denied', text)) };
  }
  const parsed = spec.params.safeParse(rawParams);
  if (!parsed.success) {
    const text = describeZodError(`Invalid params for ${method}`, parsed.error);
    return { error: errorObject(new VnmError('invalid-argument', text)) };
  }
  const handler = handlers[method] as (p: unknown, c: CallContext) => unknown;
  return { result: await handler(parsed.data, ctx) };
}

function clip(text: string): string {
  const printable = JSON.stringify(text).slice(1, -1);
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}
