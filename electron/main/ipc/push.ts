/**
 * Forwards vnmd events and connection changes to a window (Electron webContents or a
 * browser-shell socket) through one `send(channel, payload)` function.
 */
import type { PushChannel, PushChannels } from '../../../shared/api/contract';
import type { Backend } from '../backend/backend';
import type { ConnectionRegistry } from '../connections/registry';

export type PushSender = <K extends PushChannel>(channel: K, payload: PushChannels[K]) => void;

/** Starts forwarding; returns a function that stops it. */
export function forwardPushes(backend: Backend, send: PushSender): () => void {
  const offEvent = backend.onEvent((event) => send('event', event));
  const offStatus = backend.onStatus((status) => send('connection', status));
  return () => {
    offEvent();
    offStatus();
  };
}

/** Sends the connection list and ssh's pending questions now and whenever they change. */
export function forwardListPushes(registry: ConnectionRegistry, send: PushSender): () => void {
  send('connections', registry.list());
  send('askpass', registry.askpass.pending());
  const offList = registry.onChange((list) => send('connections', list));
  const offAsk = registry.askpass.onChange((pending) => send('askpass', pending));
  return () => {
    offList();
    offAsk();
  };
}
