/**
 * Messages between the browser shell's WebSocket server and the client script it
 * injects into the page. JSON, one message per WebSocket frame.
 */
import type { ApiCallName, InvokeResult, PushChannel, PushChannels } from './contract';
import { isApiCallName, isPushChannel } from './contract';

export interface InvokeMessage {
  readonly type: 'invoke';
  readonly id: number;
  readonly call: ApiCallName;
  readonly params: unknown;
}

export type ServerMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: InvokeResult }
  | { readonly type: 'push'; readonly channel: PushChannel; readonly payload: PushChannels[PushChannel] };

function asRecord(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Parses a client frame; null when it is not a well-formed invoke message. */
export function parseInvokeMessage(text: string): InvokeMessage | null {
  const m = asRecord(text);
  if (!m || m.type !== 'invoke' || !Number.isSafeInteger(m.id) || !isApiCallName(m.call)) return null;
  return { type: 'invoke', id: m.id as number, call: m.call, params: m.params ?? {} };
}

/** Parses a server frame; null when it is neither a result nor a push. */
export function parseServerMessage(text: string): ServerMessage | null {
  const m = asRecord(text);
  if (!m) return null;
  if (
    m.type === 'result' &&
    Number.isSafeInteger(m.id) &&
    typeof m.result === 'object' &&
    m.result !== null
  ) {
    return { type: 'result', id: m.id as number, result: m.result as InvokeResult };
  }
  if (m.type === 'push' && isPushChannel(m.channel)) {
    return { type: 'push', channel: m.channel, payload: m.payload as PushChannels[PushChannel] };
  }
  return null;
}
