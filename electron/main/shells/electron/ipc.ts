/**
 * Electron's side of window.vnm: one invoke handler, answering only our own window's
 * frames; a message from any other sender gets a refusal and reaches nothing.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../../../shared/api/contract';
import type { InvokeResult } from '../../../../shared/api/contract';
import type { CallerPage, InvokeHandler } from '../../ipc/invoke';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The calling window's connection: its page's `?connection=` (none: the local one). */
export function callerOf(event: IpcMainInvokeEvent): CallerPage {
  let connection = 'local';
  try {
    connection = new URL(event.senderFrame?.url ?? '').searchParams.get('connection') ?? 'local';
  } catch {
    // An unparsable URL is refused by the sender check before this matters.
  }
  return { connection, windowId: event.sender.id };
}

const REFUSED: InvokeResult = {
  ok: false,
  error: {
    kind: 'permission-denied',
    message: 'This page is not vnm’s own window, so vnm does not answer it.',
  },
};

export function registerIpc(ipcMain: IpcMainLike, invoke: InvokeHandler, isTrusted: SenderCheck): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, call, params) =>
    isTrusted(event) ? invoke(call, params, callerOf(event)) : REFUSED,
  );
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Trusted: a frame of one of our windows, showing our own renderer file (with any ?connection=). */
export function trustedSender(rendererUrl: string, isOurWindow: (id: number) => boolean): SenderCheck {
  return (event) => {
    const url = (event.senderFrame?.url ?? '').replace(/[?#].*$/s, '');
    return isOurWindow(event.sender.id) && url === rendererUrl;
  };
}
