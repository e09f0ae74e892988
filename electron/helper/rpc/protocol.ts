/**
 * JSON-RPC 2.0 message shapes and the errors vnmd answers with. Every error carries
 * VnmErrorData in `data`, so a client can rethrow it as a VnmError with the same kind.
 */
import type { core } from 'zod/mini';
import { RPC_ERROR_CODES, toErrorData } from '../../../shared/rpc/errors';
import type { VnmErrorData } from '../../../shared/rpc/errors';

export type RpcId = string | number | null;

/** Longest string id accepted: every answer echoes its id, so a huge one would be a huge answer. */
export const MAX_ID_CHARS = 256;

export interface RpcRequest {
  readonly id: RpcId;
  /** false for a notification (no id member): no response is sent. */
  readonly wantsReply: boolean;
  readonly method: string;
  readonly params: unknown;
}

export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data: VnmErrorData;
}

/** JSON-RPC's own codes for problems before dispatch. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;

export function errorObject(err: unknown, code?: number): RpcErrorObject {
  const data = toErrorData(err);
  return { code: code ?? RPC_ERROR_CODES[data.kind], message: data.message, data };
}

export function protocolError(code: number, message: string): RpcErrorObject {
  return { code, message, data: { kind: 'invalid-argument', message } };
}

export function errorResponse(id: RpcId, error: RpcErrorObject): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error });
}

export function resultResponse(id: RpcId, result: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result });
}

export function notification(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}

/** Parses one line into a request, or the error to answer with (and the id, when readable). */
export function parseRequest(line: string): RpcRequest | { error: RpcErrorObject; id: RpcId } {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { error: protocolError(PARSE_ERROR, `The request is not valid JSON (${why}).`), id: null };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    const what = Array.isArray(msg) ? 'a batch (array), which vnmd does not accept' : typeof msg;
    return {
      error: protocolError(INVALID_REQUEST, `The request must be one JSON object, not ${what}.`),
      id: null,
    };
  }
  const m = msg as Record<string, unknown>;
  const id = validId(m.id) && !(typeof m.id === 'string' && m.id.length > MAX_ID_CHARS) ? m.id : null;
  const bad = (text: string) => ({ error: protocolError(INVALID_REQUEST, text), id });
  if (m.jsonrpc !== '2.0') return bad('The request must have "jsonrpc": "2.0".');
  if ('id' in m && !validId(m.id)) return bad('The request id must be a string, a number or null.');
  if (typeof m.id === 'string' && m.id.length > MAX_ID_CHARS) {
    return bad(`The request id is longer than ${MAX_ID_CHARS} characters; use a shorter one.`);
  }
  if (typeof m.method !== 'string') return bad('The request must have a "method" string.');
  const params = m.params === undefined ? {} : m.params;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return bad(`The params of ${m.method} must be an object with named members.`);
  }
  return { id, wantsReply: 'id' in m, method: m.method, params };
}

function validId(id: unknown): id is RpcId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/** One sentence naming every problem zod found, by field path. */
export function describeZodError(prefix: string, error: core.$ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '';
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `${prefix}: ${parts.join('; ')}${more}.`;
}
