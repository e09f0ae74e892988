/**
 * A `VnmBridge` over a WebSocket, used by the browser shell's page script. Kept free of
 * DOM types so it can be tested in Node with the `ws` package.
 */
import type { VnmErrorData } from '../rpc/errors';
import type { ApiCallName, InvokeResult, PushChannel, PushChannels, VnmBridge } from './contract';
import { parseServerMessage } from './wire';

/** The part of the WebSocket API the bridge uses (browser WebSocket and `ws` both fit). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;
const CLOSED_MESSAGE =
  'The connection to the vnm UI server was closed; start vnm again and open the address it prints.';

type Handler = (payload: never) => void;

export function createSocketBridge(socket: SocketLike): VnmBridge {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (result: InvokeResult) => void>();
  const queued: string[] = [];
  const handlers = new Map<PushChannel, Set<Handler>>();

  const emit = <K extends PushChannel>(channel: K, payload: PushChannels[K]) => {
    for (const h of handlers.get(channel) ?? []) (h as (p: PushChannels[K]) => void)(payload);
  };
  const closedError: VnmErrorData = { kind: 'connection', message: CLOSED_MESSAGE };

  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (event) => {
    const msg = parseServerMessage(typeof event.data === 'string' ? event.data : String(event.data));
    if (!msg) return;
    if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else {
      emit(msg.channel, msg.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve({ ok: false, error: closedError });
    pending.clear();
    emit('connection', { state: 'lost', uri: 'vnm UI server', reason: CLOSED_MESSAGE });
  });

  return {
    invoke(call: ApiCallName, params: unknown) {
      if (closed) return Promise.resolve({ ok: false, error: closedError });
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, call, params });
      return new Promise<InvokeResult>((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    listen(channel, handler) {
      const set = handlers.get(channel) ?? new Set<Handler>();
      handlers.set(channel, set);
      set.add(handler);
      return () => void set.delete(handler);
    },
  } as VnmBridge;
}
