/** The vnmd client for Electron main and the CLI: connect, call typed methods, receive events. */
export { connectVnmd, VnmClient } from './client';
export type { EventHandler } from './client';
export { connectUri, SshConnectError, SSH_FAILURE_REASONS } from './connect';
export type { ConnectOptions, SshFailureReason } from './connect';
export {
  DEFAULT_RO_SOCKET,
  DEFAULT_SOCKET,
  parseConnectUri,
  resolveSocketPath,
  socketPathFromUri,
  UriError,
} from './uri';
export type { ConnectTarget, SshTarget, UnixTarget } from './uri';
