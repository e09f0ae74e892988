/**
 * One entry point for every kind of connection the app and the CLI open: a URI in, a
 * VnmClient out. `unix:PATH` connects to the socket; `vnm+ssh://…` runs `vnm proxy` on the
 * remote host over ssh. Failures are VnmErrors ('connection'); ssh's carry a `reason`
 * (SshConnectError) the app can show on a connection's row.
 */
import { VnmError } from '../../shared/rpc/errors';
import { connectVnmd } from './client';
import type { VnmClient } from './client';
import { openSsh } from './ssh-transport';
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET, parseConnectUri, UriError } from './uri';
import type { ConnectTarget } from './uri';

export { SshConnectError, SSH_FAILURE_REASONS } from './ssh-errors';
export type { SshFailureReason } from './ssh-errors';

export interface ConnectOptions {
  readonly readOnly?: boolean;
  /** Asked for passwords, passphrases and host-key confirmations (ssh's SSH_ASKPASS); null = cancelled. Absent → BatchMode=yes (never prompt). */
  readonly askpass?: (prompt: string) => Promise<string | null>;
  /** Give up connecting after this long (default 10 s). */
  readonly timeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects to the vnmd a URI names. readOnly picks the read-only socket of a unix: URI
 * whose path is the default one, and adds ro=1 to an ssh URI. Time spent waiting for the
 * askpass answer does not count against timeoutMs.
 */
export function connectUri(uri: string, opts: ConnectOptions = {}): Promise<VnmClient> {
  let target: ConnectTarget;
  try {
    target = parseConnectUri(uri);
  } catch (e) {
    return Promise.reject(new VnmError('invalid-argument', e instanceof UriError ? e.message : String(e)));
  }
  return connectTarget(target, opts);
}

/** connectUri for a parsed target (the CLI resolves -c, VNM_CONNECT and -r first). */
export function connectTarget(target: ConnectTarget, opts: ConnectOptions = {}): Promise<VnmClient> {
  if (target.kind === 'unix') {
    const path = opts.readOnly && target.path === DEFAULT_SOCKET ? DEFAULT_RO_SOCKET : target.path;
    return connectVnmd(path);
  }
  const ssh = opts.readOnly ? { ...target, readOnly: true } : target;
  return openSsh(ssh, { ask: opts.askpass, timeoutMs: opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS });
}
