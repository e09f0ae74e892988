/**
 * The Add Connection dialog's fields as a `vnm+ssh://` URI (electron/client reads it), checked
 * first so that nothing a person typed can become an ssh option: a host or user starting with
 * '-' would be read by ssh as a flag. The dialog shows the URI as it is typed; the main process
 * checks the fields again before it keeps them.
 */
import { VnmError } from '../rpc/errors';
import type { NewSshConnection } from './contract';

const HOST_RE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)$/;
const USER_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

function invalid(message: string): never {
  throw new VnmError('invalid-argument', message);
}

/** The fields, trimmed and checked; throws with what to change. */
export function checkSshFields(f: NewSshConnection): NewSshConnection {
  const host = f.host.trim();
  const user = f.user?.trim() || undefined;
  const keyfile = f.keyfile?.trim() || undefined;
  if (!host) invalid('Enter the host name or address of the machine to connect to.');
  if (!HOST_RE.test(host)) {
    invalid(
      `"${host}" is not a host name or address: use letters, digits, dots and dashes (or an IP address).`,
    );
  }
  if (user !== undefined && !USER_RE.test(user)) {
    invalid(
      `"${user}" is not a user name: use letters, digits, '_', '.' and '-', not starting with '-' or '.'.`,
    );
  }
  if (f.port !== undefined && (!Number.isInteger(f.port) || f.port < 1 || f.port > 65535)) {
    invalid(`The port must be a number from 1 to 65535 (ssh's is 22).`);
  }
  if (keyfile !== undefined && !keyfile.startsWith('/')) {
    invalid(`The key file must be an absolute path, such as /home/you/.ssh/id_ed25519.`);
  }
  return { host, user, port: f.port, keyfile, autoconnect: f.autoconnect };
}

/** An address in a URI: IPv6 goes in brackets. */
function uriHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function sshUriOf(f: NewSshConnection): string {
  const c = checkSshFields(f);
  const auth = c.user ? `${encodeURIComponent(c.user)}@` : '';
  const port = c.port !== undefined && c.port !== 22 ? `:${c.port}` : '';
  const query = c.keyfile ? `?keyfile=${encodeURIComponent(c.keyfile)}` : '';
  return `vnm+ssh://${auth}${uriHost(c.host)}${port}/system${query}`;
}

const SSH_URI_RE = /^vnm\+ssh:\/\/(?:([^@/?]+)@)?(\[[^\]/?]+\]|[^:/?]+)(?::(\d+))?(?:[/?]|$)/;

/** What the list shows for a URI: user@host[:port], or the URI when it is not ssh. */
export function sshNameOf(uri: string): string {
  const m = SSH_URI_RE.exec(uri);
  if (!m) return uri;
  const [, user, host, port] = m;
  return `${user ? `${decodeURIComponent(user)}@` : ''}${host ?? ''}${port ? `:${port}` : ''}`;
}
