/**
 * The preload: puts `window.vnm` (the VnmBridge from shared/api) in the page through
 * contextBridge, over two kinds of IPC channel: one invoke channel, and one push channel
 * per PushChannel. Nothing else is exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, ipcPushChannel, isPushChannel } from '../../shared/api/contract';
import type { InvokeResult, PushChannel, VnmBridge } from '../../shared/api/contract';

export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, payload: unknown) => void): unknown;
}

export function createIpcBridge(ipc: IpcLike): VnmBridge {
  return {
    invoke: async (call: string, params: unknown) => {
      try {
        return (await ipc.invoke(IPC_INVOKE_CHANNEL, call, params)) as InvokeResult;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return {
          ok: false,
          error: { kind: 'connection', message: `The main process did not answer: ${why}.` },
        };
      }
    },
    listen: (channel: PushChannel, handler: (payload: never) => void) => {
      if (!isPushChannel(channel)) throw new Error(`vnm has no channel "${String(channel)}"`);
      // The event object is not passed on: it would hand the page a handle to ipcRenderer.
      const listener = (_event: IpcRendererEvent, payload: unknown) => handler(payload as never);
      ipc.on(ipcPushChannel(channel), listener);
      return () => void ipc.removeListener(ipcPushChannel(channel), listener);
    },
  } as VnmBridge;
}

contextBridge.exposeInMainWorld('vnm', createIpcBridge(ipcRenderer));
