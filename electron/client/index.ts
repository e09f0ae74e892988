/** The vnmd client for Electron main and the CLI: connect, call typed methods, receive events. */
export { connectVnmd, VnmClient } from './client';
export type { EventHandler } from './client';
export { DEFAULT_RO_SOCKET, DEFAULT_SOCKET, resolveSocketPath, socketPathFromUri } from './uri';
