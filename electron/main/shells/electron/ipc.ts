/**
 * Electron's side of window.vnm: one invoke handler, answering only our own window's
 * frames; a message from any other sender gets a refusal and reaches nothing.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../../../shared/api/contract';
import type { InvokeResult } from '../../../../shared/api/contract';
import type { InvokeHandler } from '../../ipc/invoke';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const REFUSED: InvokeResult = {
  ok: false,
  error: {
    kind: 'permission-denied',
    message: 'This page is not vnm’s own window, so vnm does not answer it.',
  },
};

export function registerIpc(ipcMain: IpcMainLike, invoke: InvokeHandler, isTrusted: SenderCheck): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, call, params) =>
    isTrusted(event) ? invoke(call, params) : REFUSED,
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Trusted: a frame of one of our windows, showing our own renderer file. */
export function trustedSender(rendererUrl: string, isOurWindow: (id: number) => boolean): SenderCheck {
  return (event) => {
    const url = event.senderFrame?.url ?? '';
    return isOurWindow(event.sender.id) && (url === rendererUrl || url.startsWith(`${rendererUrl}#`));
  };
}
