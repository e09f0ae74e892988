// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerIpc, trustedSender } from './ipc';

vi.mock('electron', () => ({}));

const RENDERER = 'file:///opt/vnm/out/renderer/index.html';
const event = (id: number, url: string) =>
  ({ sender: { id }, senderFrame: { url } }) as unknown as IpcMainInvokeEvent;

describe('electron IPC', () => {
  it('answers our window and refuses any other sender without invoking', async () => {
    let handler: ((e: IpcMainInvokeEvent, ...a: unknown[]) => Promise<unknown>) | undefined;
    const ipcMain = {
      handle: vi.fn((_c: string, h: typeof handler) => (handler = h)),
      removeHandler: vi.fn(),
    };
    const invoke = vi.fn(() => Promise.resolve({ ok: true as const, value: 1 }));
    const off = registerIpc(
      ipcMain,
      invoke,
      trustedSender(RENDERER, (id) => id === 7),
    );
    expect(ipcMain.handle).toHaveBeenCalledWith('vnm:invoke', expect.any(Function));
    await expect(handler?.(event(7, RENDERER), 'hostInfo', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(invoke).toHaveBeenCalledWith('hostInfo', {}, { connection: 'local', windowId: 7 });
    await handler?.(event(7, `${RENDERER}?connection=c-1234`), 'hostInfo', {});
    expect(invoke).toHaveBeenLastCalledWith('hostInfo', {}, { connection: 'c-1234', windowId: 7 });
    invoke.mockClear();
    for (const e of [event(8, RENDERER), event(7, 'https://evil.example/'), event(7, `${RENDERER}.evil`)]) {
      await expect(handler?.(e, 'hostInfo', {})).resolves.toMatchObject({
        ok: false,
        error: { kind: 'permission-denied' },
      });
    }
    expect(invoke).not.toHaveBeenCalled();
    off();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('vnm:invoke');
  });
});
