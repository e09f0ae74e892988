/**
 * The Electron shell's life: one instance, a connection to vnmd (started if need be),
 * the IPC handlers, the menu and one Connection Details window. Electron's modules come
 * in as a parameter so tests can pass mocks.
 */
import type * as Electron from 'electron';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppCommand, ThemePreference } from '../../../../shared/api/contract';
import { LOCAL_CONNECTION } from '../../../../shared/api/contract';
import { toErrorData } from '../../../../shared/rpc/errors';
import { DEFAULT_SOCKET } from '../../../client/uri';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { connectionFilePath } from '../../connections/connection-file';
import { ConnectionRegistry } from '../../connections/registry';
import { sshSession } from '../../connections/ssh-session';
import { openBackend } from '../../connection/open-backend';
import type { OpenedBackend } from '../../connection/open-backend';
import { planConnection } from '../../connection/plan';
import { aboutText, menuTemplate } from '../../menu/app-menu';
import { createConnectionDetailsWindow } from '../../windows/connection-details-window';
import { parseShellArgs } from '../browser/args';
import { ConnectionWindows } from './connection-windows';
import { registerIpc, trustedSender } from './ipc';
import { confirmPkexec } from './pkexec-dialog';

export type ElectronModules = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu'>;

export interface ElectronPaths {
  readonly outDir: string;
  /** The remembered connections (default: connectionFilePath()). */
  readonly connectionsFile?: string;
}

export async function startElectronShell(e: ElectronModules, paths: ElectronPaths, argv: readonly string[]) {
  if (!e.app.requestSingleInstanceLock()) return e.app.quit();
  const args = parseShellArgs(argv, true);
  const indexHtml = resolve(paths.outDir, 'renderer/index.html');
  let windows: ConnectionWindows | null = null;
  e.app.on('second-instance', () => {
    const win = windows?.focused();
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  await e.app.whenReady();

  const opened = await connect(e, paths, args.connect);
  if (!opened) return e.app.quit();
  const { backend, child } = opened;
  const appInfo = buildAppInfo('electron');
  const registry = new ConnectionRegistry({
    file: paths.connectionsFile ?? connectionFilePath(),
    local: { uri: backend.status().uri, session: backend },
    sshSession,
    announce: (text) => console.log(`vnm: ${text}`),
  });
  const wins = new ConnectionWindows(
    registry,
    () =>
      createConnectionDetailsWindow(e.BrowserWindow, { preload: resolve(paths.outDir, 'preload/index.cjs') }),
    indexHtml,
  );
  windows = wins;
  const stopIpc = registerIpc(
    e.ipcMain,
    createInvokeHandler({
      backendFor: (id) => registry.backend(id),
      appInfo,
      connections: registry,
      // Electron loads the page itself: in the calling window, or a new one.
      openConnection: (id, newWindow, caller) => {
        wins.showIn(id, newWindow ? undefined : caller.windowId);
        return { url: null };
      },
    }),
    trustedSender(pathToFileURL(indexHtml).href, (id) => wins.isOurs(id)),
  );

  installMenu(e, {
    send: (command) => wins.sendAll('command', command),
    about: () => void showAbout(e, appInfo.version, appInfo.versions, backend),
  });

  wins.openWindow(LOCAL_CONNECTION);
  registry.autoconnect();
  e.app.on('window-all-closed', () => e.app.quit());
  e.app.on('will-quit', () => {
    stopIpc();
    registry.close();
    child?.kill('SIGTERM');
  });
}

/** Opens the connection to vnmd; on failure says why in a dialog and returns null. */
async function connect(
  e: ElectronModules,
  paths: ElectronPaths,
  uri: string | undefined,
): Promise<OpenedBackend | null> {
  try {
    return await openBackend({
      plan: planConnection({
        connect: uri,
        env: process.env,
        isRoot: process.getuid?.() === 0,
        exists: existsSync,
        ownSocket: DEFAULT_SOCKET,
      }),
      runtime: {
        execPath: process.execPath,
        cliPath: resolve(paths.outDir, 'cli/vnm.mjs'),
        isElectron: true,
      },
      confirmPkexec: () => confirmPkexec(e.dialog),
      announce: (text) => console.log(text),
    });
  } catch (err) {
    const data = toErrorData(err);
    e.dialog.showErrorBox(
      'vnm cannot connect to vnmd',
      data.details ? `${data.message}\n\n${data.details}` : data.message,
    );
    return null;
  }
}

/** Sets the menu; picking a theme there rebuilds it so the radio mark follows. */
function installMenu(e: ElectronModules, actions: { send: (c: AppCommand) => void; about: () => void }) {
  const setMenu = (theme: ThemePreference): void =>
    e.Menu.setApplicationMenu(
      e.Menu.buildFromTemplate(
        menuTemplate({
          theme,
          send: (command) => {
            if (command.type === 'set-theme') setMenu(command.theme);
            actions.send(command);
          },
          quit: () => e.app.quit(),
          about: actions.about,
        }),
      ),
    );
  setMenu('system');
}

async function showAbout(
  e: ElectronModules,
  version: string,
  versions: Readonly<Record<string, string>>,
  backend: OpenedBackend['backend'],
) {
  const vnmd = await backend.call('host.info', {}).then(
    (h) => h.vnmdVersion,
    () => undefined,
  );
  await e.dialog.showMessageBox({
    type: 'info',
    title: 'About vnm',
    message: 'vnm',
    detail: aboutText(version, versions, vnmd),
  });
}
