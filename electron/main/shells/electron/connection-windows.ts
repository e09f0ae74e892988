/**
 * The Electron shell's Connection Details windows, one connection each (virt-manager opens
 * one per connection): the page's `?connection=` names it; its pushes come from that
 * connection, plus the connection list and ssh's questions, which every window gets.
 */
import type { BrowserWindow } from 'electron';
import { LOCAL_CONNECTION, ipcPushChannel } from '../../../../shared/api/contract';
import type { PushChannel, PushChannels } from '../../../../shared/api/contract';
import type { ConnectionRegistry } from '../../connections/registry';
import { forwardListPushes, forwardPushes } from '../../ipc/push';
import type { PushSender } from '../../ipc/push';

interface Open {
  readonly win: BrowserWindow;
  connection: string;
  unbind: () => void;
}

export class ConnectionWindows {
  private readonly open = new Map<number, Open>();

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly create: () => BrowserWindow,
    private readonly indexHtml: string,
  ) {}

  /** A new window showing `connection`. */
  openWindow(connection: string): BrowserWindow {
    const win = this.create();
    const id = win.webContents.id;
    const entry: Open = { win, connection, unbind: () => undefined };
    this.open.set(id, entry);
    win.on('closed', () => {
      entry.unbind();
      this.open.delete(id);
    });
    this.show(entry, connection);
    return win;
  }

  /** Shows another connection in the window `windowId`, or in a new one. */
  showIn(connection: string, windowId: number | undefined): void {
    const entry = windowId === undefined ? undefined : this.open.get(windowId);
    if (entry) this.show(entry, connection);
    else this.openWindow(connection);
  }

  connectionOf(webContentsId: number): string | undefined {
    return this.open.get(webContentsId)?.connection;
  }

  isOurs(webContentsId: number): boolean {
    return this.open.has(webContentsId);
  }

  /** Sends to every window (menu commands). */
  sendAll<K extends PushChannel>(channel: K, payload: PushChannels[K]): void {
    for (const { win } of this.open.values()) win.webContents.send(ipcPushChannel(channel), payload);
  }

  focused(): BrowserWindow | undefined {
    return [...this.open.values()][0]?.win;
  }

  private show(entry: Open, connection: string): void {
    entry.unbind();
    entry.connection = connection;
    const send: PushSender = (channel, payload) =>
      entry.win.webContents.send(ipcPushChannel(channel), payload);
    const backend = this.registry.backend(connection);
    const stops = [
      backend ? forwardPushes(backend, send) : () => undefined,
      forwardListPushes(this.registry, send),
    ];
    entry.unbind = () => {
      for (const s of stops.splice(0)) s();
    };
    const query = connection === LOCAL_CONNECTION ? undefined : { query: { connection } };
    void (query ? entry.win.loadFile(this.indexHtml, query) : entry.win.loadFile(this.indexHtml));
  }
}
