/**
 * A session to a remote vnmd over SSH: the same ReconnectingBackend as the local one, over
 * electron/client's `connectUri`. A refused key, an unknown or changed host key, no vnm on the
 * remote or a cancelled question do not mend by waiting, so those stop at 'failed' with ssh's
 * reason; a remote that was reached once and then dropped is tried again.
 */
import { connectUri } from '../../client/connect';
import { ReconnectingBackend } from '../backend/reconnecting-backend';
import type { Session } from './managed-connection';

/** Reasons (SshConnectError.reason) worth another try once the connection had worked. */
const TRANSIENT = new Set(['unreachable', 'timeout', 'no-vnmd']);

/** `askpass` null: ssh never asks (BatchMode), as for `--connect` before any window is open. */
export function sshSession(
  uri: string,
  askpass: ((prompt: string) => Promise<string | null>) | null,
): ReconnectingBackend & Session {
  return new ReconnectingBackend({
    uri,
    connect: () => connectUri(uri, askpass ? { askpass } : {}),
    retryable: (err, everConnected) =>
      everConnected && TRANSIENT.has(String((err as { reason?: unknown } | null)?.reason)),
  });
}
