/**
 * The remembered connections, one JSON file per user (virt-manager keeps its list in
 * dconf): $XDG_CONFIG_HOME/vnm/connections.json. Only URIs and the autoconnect flag are kept:
 * never a password or passphrase. Written whole, atomically, readable by the user alone.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SavedConnection {
  readonly id: string;
  /**
   * `vnm+ssh://…` (what Add Connection makes), or `unix:PATH` for another vnmd's socket on
   * this machine (a sandbox's second host, a socket forwarded with ssh -L), as libvirt's
   * `qemu+unix:///system?socket=` is.
   */
  readonly uri: string;
  readonly autoconnect: boolean;
  /** The name shown; the URI's user@host when absent. */
  readonly name?: string;
}

export function connectionFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'vnm', 'connections.json');
}

function isSaved(v: unknown): v is SavedConnection {
  const o = v as Record<string, unknown> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    /^[a-z0-9-]{1,64}$/.test(o.id) &&
    typeof o.uri === 'string' &&
    (o.uri.startsWith('vnm+ssh://') || o.uri.startsWith('unix:/')) &&
    typeof o.autoconnect === 'boolean' &&
    (o.name === undefined || (typeof o.name === 'string' && /^[^\p{C}]{1,64}$/u.test(o.name)))
  );
}

export interface LoadedConnections {
  readonly list: readonly SavedConnection[];
  /** Set when the file could not be read: what happened to it, in one sentence. */
  readonly problem?: string;
}

/**
 * Reads the list; a missing file is an empty list. A file vnm cannot read is moved aside (never
 * overwritten by the next save), and `problem` says where it went.
 */
export function loadConnections(path: string): LoadedConnections {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { list: [] };
    return {
      list: [],
      problem: `vnm could not read ${path} (${(err as Error).message}); it starts with no saved connections.`,
    };
  }
  try {
    const parsed = JSON.parse(text) as { connections?: unknown };
    if (!Array.isArray(parsed.connections)) throw new Error('no "connections" list');
    return { list: parsed.connections.filter(isSaved) };
  } catch (err) {
    const aside = `${path}.unreadable`;
    renameSync(path, aside);
    return {
      list: [],
      problem: `${path} was not a connection list vnm can read (${(err as Error).message}); it was moved to ${aside}.`,
    };
  }
}

export function saveConnections(path: string, list: readonly SavedConnection[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ connections: list }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
