// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Electron from 'electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBackend } from '../../test/fake-backend';

const backend = new FakeBackend();
const openBackend = vi.fn();
vi.mock('electron', () => ({}));
vi.mock('../../connection/open-backend', () => ({
  openBackend: (...a: unknown[]) => openBackend(...a) as unknown,
}));

const { startElectronShell } = await import('./lifecycle');

function fakeElectron(lock = true) {
  const appHandlers: Record<string, () => void> = {};
  const sent: [string, unknown][] = [];
  const windows: { options: Electron.BrowserWindowConstructorOptions; loaded?: string; query?: unknown }[] =
    [];
  let nextId = 3;
  class Win {
    webContents = {
      id: nextId++,
      send: (channel: string, payload: unknown) => sent.push([channel, payload]),
      setWindowOpenHandler: vi.fn(),
      on: vi.fn(),
    };
    constructor(options: Electron.BrowserWindowConstructorOptions) {
      windows.push({ options });
    }
    once() {}
    on() {}
    loadFile(path: string, opts?: { query?: unknown }) {
      windows.at(-1)!.loaded = path;
      windows.at(-1)!.query = opts?.query;
      return Promise.resolve();
    }
  }
  const e = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      quit: vi.fn(),
      on: (name: string, h: () => void) => (appHandlers[name] = h),
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow: Win,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
  };
  return { e, appHandlers, sent, windows };
}

beforeEach(() => {
  openBackend.mockReset();
  openBackend.mockResolvedValue({ backend, child: null });
});

// Never the user's own connection list.
const paths = () => ({
  outDir: '/app/out',
  connectionsFile: join(mkdtempSync(join(tmpdir(), 'vnm-life-')), 'c.json'),
});

describe('Electron shell lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { e } = fakeElectron(false);
    await startElectronShell(e as never, paths(), []);
    expect(e.app.quit).toHaveBeenCalled();
    expect(openBackend).not.toHaveBeenCalled();
  });

  it('connects as --connect says, registers IPC, sets the menu and opens one secure window', async () => {
    const { e, windows, sent } = fakeElectron();
    await startElectronShell(e as never, paths(), ['--connect', 'unix:/tmp/x.sock', '--no-sandbox']);
    expect(openBackend).toHaveBeenCalledWith(
      expect.objectContaining({ plan: { kind: 'socket', path: '/tmp/x.sock', source: 'flag' } }),
    );
    expect(e.ipcMain.handle).toHaveBeenCalledWith('vnm:invoke', expect.any(Function));
    expect(e.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(windows[0]?.loaded).toBe('/app/out/renderer/index.html');
    backend.emit({ type: 'interfaces', seq: 1 });
    expect(sent).toContainEqual(['vnm:event', { type: 'interfaces', seq: 1 }]);
    expect(sent).toContainEqual([
      'vnm:connections',
      [expect.objectContaining({ id: 'local', name: 'Local' })],
    ]);
  });

  it("opens another connection's Connection Details in a new window, naming it in the page's query", async () => {
    const { e, windows } = fakeElectron();
    await startElectronShell(e as never, paths(), ['--connect=unix:/tmp/x.sock']);
    const handler = e.ipcMain.handle.mock.calls[0]?.[1] as (
      ev: unknown,
      call: string,
      params: unknown,
    ) => Promise<unknown>;
    const sender = { sender: { id: 3 }, senderFrame: { url: 'file:///app/out/renderer/index.html' } };
    const added = (await handler(sender, 'addConnection', {
      host: 'lab1',
      user: 'ops',
      autoconnect: false,
    })) as {
      value: { id: string };
    };
    await expect(handler(sender, 'openConnection', { id: added.value.id, newWindow: true })).resolves.toEqual(
      {
        ok: true,
        value: { url: null },
      },
    );
    expect(windows).toHaveLength(2);
    expect(windows[1]?.query).toEqual({ connection: added.value.id });
    const fromOther = {
      sender: { id: 4 },
      senderFrame: { url: `file:///app/out/renderer/index.html?connection=${added.value.id}` },
    };
    await expect(handler(fromOther, 'connectionStatus', {})).resolves.toMatchObject({
      ok: true,
      value: { state: 'disconnected', uri: 'vnm+ssh://ops@lab1/system' },
    });
  });

  it('shows why and quits when vnmd cannot be reached', async () => {
    const { e } = fakeElectron();
    openBackend.mockRejectedValue(new Error('ECONNREFUSED'));
    await startElectronShell(e as never, paths(), []);
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(
      'vnm cannot connect to vnmd',
      expect.stringContaining('ECONNREFUSED'),
    );
    expect(e.app.quit).toHaveBeenCalled();
  });

  it('stops forwarding and closes the backend when quitting', async () => {
    const { e, appHandlers } = fakeElectron();
    const close = vi.spyOn(backend, 'close');
    await startElectronShell(e as never, paths(), ['--connect=unix:/tmp/x.sock']);
    appHandlers['will-quit']?.();
    expect(close).toHaveBeenCalled();
    expect(e.ipcMain.removeHandler).toHaveBeenCalledWith('vnm:invoke');
  });
});
