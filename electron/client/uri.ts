/**
 * Where the CLI and Electron main find vnmd: `-c URI`, VNM_CONNECT, or the default socket.
 * A URI is `unix:PATH` (a socket on this host) or `vnm+ssh://…` (ssh-uri.ts: another host).
 */
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET } from '../wire/sockets';
import { parseSshUri, SSH_SCHEME, UriError } from './ssh-uri';
import type { SshTarget } from './ssh-uri';

export { DEFAULT_RO_SOCKET, DEFAULT_SOCKET, UriError };
export type { SshTarget };

export interface UnixTarget {
  readonly kind: 'unix';
  readonly path: string;
}

export type ConnectTarget = UnixTarget | SshTarget;

/** Accepts `unix:PATH`, `unix://PATH` or a plain absolute path; returns the socket path. */
export function socketPathFromUri(uri: string): string {
  const path = uri.replace(/^unix:(\/\/)?/, '');
  if (!path.startsWith('/') && !path.startsWith('.')) {
    throw new UriError(
      `cannot use connection URI "${uri}": expected unix:/path/to/vnmd.sock or vnm+ssh://user@host`,
    );
  }
  return path;
}

/** Parses any connection URI vnm knows; throws a UriError that says what to write instead. */
export function parseConnectUri(uri: string): ConnectTarget {
  if (uri.startsWith(SSH_SCHEME)) return parseSshUri(uri);
  return { kind: 'unix', path: socketPathFromUri(uri) };
}

export function resolveSocketPath(uri: string | undefined, readOnly: boolean): string {
  const chosen = uri ?? process.env.VNM_CONNECT;
  if (chosen) return socketPathFromUri(chosen);
  return readOnly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET;
}

/**
 * The CLI's target: `-c`, else VNM_CONNECT, else the default socket; `-r` picks the
 * read-only socket locally and adds ro=1 to an ssh target.
 */
export function resolveConnectTarget(uri: string | undefined, readOnly: boolean): ConnectTarget {
  const chosen = uri ?? process.env.VNM_CONNECT;
  if (!chosen) return { kind: 'unix', path: readOnly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET };
  const target = parseConnectUri(chosen);
  return target.kind === 'ssh' && readOnly ? { ...target, readOnly: true } : target;
}
