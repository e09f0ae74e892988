/**
 * Every connection the app knows: the local one (vnmd on this machine, or the sandbox it
 * was given) and the SSH ones the person added, remembered across runs (connection-file.ts).
 * Windows bind to one connection each by id; the list and ssh's questions are pushed to all.
 */
import { randomBytes } from 'node:crypto';
import type { ConnectionEntry, NewSshConnection } from '../../../shared/api/contract';
import { LOCAL_CONNECTION } from '../../../shared/api/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { Backend } from '../backend/backend';
import { Listeners } from '../backend/listeners';
import { AskpassBroker } from './askpass-broker';
import { loadConnections, saveConnections } from './connection-file';
import type { SavedConnection } from './connection-file';
import { ManagedConnection } from './managed-connection';
import { withOvnPeers } from './ovn-peer-ports';
import type { ConnectionSpec, Session } from './managed-connection';
import { checkSshFields, sshNameOf, sshUriOf } from '../../../shared/api/ssh-uri';

export interface RegistryDeps {
  /** connections.json (connectionFilePath()). */
  readonly file: string;
  readonly local: { readonly uri: string; readonly session: Backend };
  /** A session to an SSH URI that asks its questions through `askpass`. */
  readonly sshSession: (uri: string, askpass: (prompt: string) => Promise<string | null>) => Session;
  /** Where to say what went wrong with the file (the terminal). */
  readonly announce?: (text: string) => void;
}

export class ConnectionRegistry {
  readonly askpass = new AskpassBroker();
  private readonly conns = new Map<string, ManagedConnection>();
  private readonly views = new WeakMap<ManagedConnection, Backend>();
  private readonly listeners = new Listeners<readonly ConnectionEntry[]>();

  constructor(private readonly deps: RegistryDeps) {
    // `--connect vnm+ssh://…` makes the first connection a remote one: it is named as one.
    const name = deps.local.uri.startsWith('vnm+ssh://') ? sshNameOf(deps.local.uri) : 'Local';
    const local = this.track({
      id: LOCAL_CONNECTION,
      name,
      uri: deps.local.uri,
      local: true,
      autoconnect: true,
    });
    local.adopt(deps.local.session);
    const loaded = loadConnections(deps.file);
    if (loaded.problem) deps.announce?.(loaded.problem);
    for (const saved of loaded.list) this.track(specOf(saved));
  }

  /** Connects the ones marked "Connect automatically"; does not wait for them. */
  autoconnect(): void {
    for (const c of this.conns.values()) if (!c.spec.local && c.spec.autoconnect) void c.connect();
  }

  get(id: string): ManagedConnection | undefined {
    return this.conns.get(id);
  }

  /**
   * What a window of connection `id` talks to: the connection, with the traffic of its OVN
   * networks' guests on the other connected hosts added (ovn-peer-ports.ts).
   */
  backend(id: string): Backend | undefined {
    const conn = this.conns.get(id);
    if (!conn) return undefined;
    let view = this.views.get(conn);
    if (!view) {
      view = withOvnPeers(conn, () =>
        [...this.conns.values()].filter((c) => c !== conn && c.status().state === 'connected'),
      );
      this.views.set(conn, view);
    }
    return view;
  }

  list(): readonly ConnectionEntry[] {
    return [...this.conns.values()].map((c) => ({ ...c.spec, status: c.status() }));
  }

  add(fields: NewSshConnection): ConnectionEntry {
    const checked = checkSshFields(fields);
    const uri = sshUriOf(checked);
    const same = [...this.conns.values()].find((c) => c.spec.uri === uri);
    if (same) {
      throw new VnmError(
        'conflict',
        `The connection ${same.spec.name} is already in the list; open it from there.`,
      );
    }
    const spec = specOf({ id: `c-${randomBytes(4).toString('hex')}`, uri, autoconnect: checked.autoconnect });
    this.save([...this.saved(), { id: spec.id, uri, autoconnect: spec.autoconnect }]);
    const conn = this.track(spec);
    this.changed();
    if (spec.autoconnect) void conn.connect();
    return { ...spec, status: conn.status() };
  }

  remove(id: string): void {
    const conn = this.mustGet(id);
    if (conn.spec.local) {
      throw new VnmError(
        'invalid-argument',
        'The local connection cannot be removed; remove only SSH connections.',
      );
    }
    this.save(this.saved().filter((c) => c.id !== id));
    this.askpass.cancelFor(conn.spec.name);
    conn.close();
    this.conns.delete(id);
    this.changed();
  }

  /** Starts connecting and returns at once: the `connections` push says how it went. */
  connect(id: string): void {
    void this.mustGet(id).connect();
  }

  disconnect(id: string): void {
    const conn = this.mustGet(id);
    this.askpass.cancelFor(conn.spec.name);
    conn.disconnect();
  }

  onChange(handler: (list: readonly ConnectionEntry[]) => void): () => void {
    return this.listeners.add(handler);
  }

  close(): void {
    for (const c of this.conns.values()) {
      this.askpass.cancelFor(c.spec.name);
      c.close();
    }
  }

  private mustGet(id: string): ManagedConnection {
    const conn = this.conns.get(id);
    if (!conn)
      throw new VnmError(
        'not-found',
        `There is no connection "${id}" any more; the list shows the ones there are.`,
      );
    return conn;
  }

  private track(spec: ConnectionSpec): ManagedConnection {
    const conn = new ManagedConnection(spec, () =>
      this.deps.sshSession(spec.uri, (prompt) => this.askpass.ask(spec.name, prompt)),
    );
    conn.onStatus(() => this.changed());
    this.conns.set(spec.id, conn);
    return conn;
  }

  private saved(): SavedConnection[] {
    return [...this.conns.values()]
      .filter((c) => !c.spec.local)
      .map((c) => ({ id: c.spec.id, uri: c.spec.uri, autoconnect: c.spec.autoconnect, name: c.spec.name }));
  }

  private save(list: readonly SavedConnection[]): void {
    try {
      saveConnections(this.deps.file, list);
    } catch (err) {
      throw new VnmError(
        'operation-failed',
        `vnm could not save the connection list to ${this.deps.file}: ${(err as Error).message}.`,
      );
    }
  }

  private changed(): void {
    this.listeners.emit(this.list());
  }
}

function specOf(saved: SavedConnection): ConnectionSpec {
  return {
    id: saved.id,
    name: saved.name ?? sshNameOf(saved.uri),
    uri: saved.uri,
    local: false,
    autoconnect: saved.autoconnect,
  };
}
