/** Electron main entry (out/main/index.js): runs the Electron shell. */
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { resolve } from 'node:path';
import { startElectronShell } from './shells/electron/lifecycle';

startElectronShell(
  { app, BrowserWindow, dialog, ipcMain, Menu },
  { outDir: resolve(import.meta.dirname, '..') },
  process.argv.slice(app.isPackaged ? 1 : 2),
).catch((err: unknown) => {
  dialog.showErrorBox('vnm failed to start', err instanceof Error ? err.message : String(err));
  app.quit();
});
