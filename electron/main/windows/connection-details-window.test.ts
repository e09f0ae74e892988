// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createConnectionDetailsWindow } from './connection-details-window';

vi.mock('electron', () => ({}));

describe('Connection Details window', () => {
  it('is isolated, sandboxed, without Node, and cannot open or navigate elsewhere', () => {
    const handlers: Record<string, (e: { preventDefault(): void }) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    let options: BrowserWindowConstructorOptions | undefined;
    const loadFile = vi.fn(() => Promise.resolve());
    class FakeWindow {
      webContents = {
        setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
        on: (name: string, h: (e: { preventDefault(): void }) => void) => (handlers[name] = h),
      };
      constructor(o: BrowserWindowConstructorOptions) {
        options = o;
      }
      once() {}
      loadFile = loadFile;
    }
    createConnectionDetailsWindow(
      FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
      {
        preload: '/app/out/preload/index.cjs',
      },
    );
    expect(options?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    });
    expect(openHandler?.()).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    handlers['will-navigate']?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    // The shell loads the page, with the connection it shows (connection-windows.ts).
    expect(loadFile).not.toHaveBeenCalled();
  });
});
