/**
 * Forwards vnmd events and connection changes to a window (Electron webContents or a
 * browser-shell socket) through one `send(channel, payload)` function.
 */
import type { PushChannel, PushChannels } from '../../../shared/api/contract';
import type { Backend } from '../backend/backend';

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
