/**
 * A Connection Details window: isolated, sandboxed, no Node, no navigation away. The shell
 * loads its page (connection-windows.ts), with the connection it shows.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export interface WindowPaths {
  readonly preload: string;
}

export function windowOptions(paths: WindowPaths): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 760,
    minHeight: 480,
    title: 'vnm — Connection Details',
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

type WindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createConnectionDetailsWindow(Ctor: WindowCtor, paths: WindowPaths): BrowserWindow {
  const win = new Ctor(windowOptions(paths));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}
