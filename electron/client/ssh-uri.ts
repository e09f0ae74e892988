/**
 * `vnm+ssh://[user@]host[:port][/system][?socket=PATH&ro=1&keyfile=PATH&known_hosts=PATH&command=PATH&no_verify=1]`:
 * a vnmd on another host, reached by running `vnm proxy` there over ssh. The query names are
 * libvirt's for its ssh transport (socket, keyfile, known_hosts, no_verify, command) plus ro.
 */
export interface SshTarget {
  readonly kind: 'ssh';
  readonly uri: string;
  readonly user?: string;
  readonly host: string;
  readonly port?: number;
  /** vnmd's socket on the remote host; absent: the remote's default (rw, or ro with readOnly). */
  readonly socket?: string;
  readonly readOnly: boolean;
  readonly keyfile?: string;
  readonly knownHosts?: string;
  /** The vnm program on the remote host. */
  readonly command: string;
  /** Accept a host key never seen before (ssh's accept-new); a changed key is still refused. */
  readonly noVerify: boolean;
}

export const SSH_SCHEME = 'vnm+ssh:';
const PARAMS = ['socket', 'ro', 'keyfile', 'known_hosts', 'command', 'no_verify'] as const;
const EXAMPLE = 'vnm+ssh://user@host[:port][/system][?socket=PATH&ro=1&keyfile=PATH]';

export class UriError extends Error {}

function bad(uri: string, what: string): UriError {
  return new UriError(`cannot use connection URI "${uri}": ${what}; expected ${EXAMPLE}`);
}

function flag(uri: string, name: string, value: string | null): boolean {
  if (value === null || value === '0') return false;
  if (value === '1') return true;
  throw bad(uri, `${name}=${value} is neither 1 nor 0`);
}

function absolute(uri: string, name: string, value: string | null): string | undefined {
  if (value === null) return undefined;
  if (!value.startsWith('/')) throw bad(uri, `${name} must be an absolute path, not "${value}"`);
  return value;
}

/** Parses a vnm+ssh URI; throws a UriError that says what is wrong and what to write. */
export function parseSshUri(uri: string): SshTarget {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw bad(uri, 'it is not a valid URI');
  }
  if (url.protocol !== SSH_SCHEME) throw bad(uri, `the scheme is ${url.protocol}`);
  if (url.password) throw bad(uri, 'a password does not belong in the URI (ssh asks for it)');
  const host = url.hostname;
  if (!host) throw bad(uri, 'the host is missing');
  // Neither may look like an ssh option: ssh takes "-oProxyCommand=…" as one.
  if (host.startsWith('-') || !/^[\w.:[\]%-]+$/.test(host)) throw bad(uri, `"${host}" is not a host name`);
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  if (user !== undefined && (user.startsWith('-') || /[\s@/:]/.test(user))) {
    throw bad(uri, `"${user}" is not a user name`);
  }
  if (url.pathname !== '' && url.pathname !== '/' && url.pathname !== '/system') {
    throw bad(uri, `the path is ${url.pathname}; only /system (or none) is known`);
  }
  if (url.hash) throw bad(uri, 'it has a #fragment');
  const q = url.searchParams;
  for (const key of q.keys()) {
    if (!(PARAMS as readonly string[]).includes(key)) {
      throw bad(uri, `unknown parameter "${key}" (known: ${PARAMS.join(', ')})`);
    }
    if (q.getAll(key).length > 1) throw bad(uri, `parameter "${key}" is given twice`);
  }
  const command = q.get('command') ?? 'vnm';
  if (command === '' || command.startsWith('-')) throw bad(uri, `command "${command}" is not a program`);
  return {
    kind: 'ssh',
    uri,
    user,
    host: host.startsWith('[') ? host.slice(1, -1) : host,
    port: url.port ? Number(url.port) : undefined,
    socket: absolute(uri, 'socket', q.get('socket')),
    readOnly: flag(uri, 'ro', q.get('ro')),
    keyfile: absolute(uri, 'keyfile', q.get('keyfile')),
    knownHosts: absolute(uri, 'known_hosts', q.get('known_hosts')),
    command,
    noVerify: flag(uri, 'no_verify', q.get('no_verify')),
  };
}

/** user@host (or host) as people and ssh's messages name it. */
export function sshDestination(t: SshTarget): string {
  return t.user === undefined ? t.host : `${t.user}@${t.host}`;
}
