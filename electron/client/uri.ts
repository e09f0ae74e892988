/** Where the CLI and Electron main find vnmd: `-c unix:PATH`, VNM_CONNECT, or the default. */
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET } from '../wire/sockets';

export { DEFAULT_RO_SOCKET, DEFAULT_SOCKET };

/** Accepts `unix:PATH`, `unix://PATH` or a plain absolute path; returns the socket path. */
export function socketPathFromUri(uri: string): string {
  const path = uri.replace(/^unix:(\/\/)?/, '');
  if (!path.startsWith('/') && !path.startsWith('.')) {
    throw new Error(`cannot use connection URI "${uri}": expected unix:/path/to/vnmd.sock`);
  }
  return path;
}

export function resolveSocketPath(uri: string | undefined, readOnly: boolean): string {
  const chosen = uri ?? process.env.VNM_CONNECT;
  if (chosen) return socketPathFromUri(chosen);
  return readOnly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET;
}
