/**
 * Why an ssh connection to a remote vnmd failed, told from ssh's exit status and stderr (and
 * from what `vnm proxy` said on the remote host), each reason with its own sentence that says
 * what to do. The app switches on `reason`; a person reads `message`; `stderr` is ssh's own.
 */
import { VnmError } from '../../shared/rpc/errors';
import { PROXY_EXIT_DENIED, PROXY_EXIT_NO_VNMD } from '../wire/proxy';
import type { SshTarget } from './ssh-uri';
import { sshDestination } from './ssh-uri';

export const SSH_FAILURE_REASONS = [
  'unreachable', // no route, refused, unknown host name: sshd is not there
  'host-key-unknown', // never seen this host key; accepting it is a person's decision
  'host-key-changed', // the key differs from the known one: never accepted here
  'auth-failed', // the login was refused (key, password, passphrase)
  'no-vnm', // the remote has no vnm program (or one without `proxy`)
  'socket-denied', // vnm proxy ran, and vnmd's socket refused this user
  'no-vnmd', // vnm proxy ran, and no vnmd listens there
  'timeout', // nothing decided within the time given
  'no-ssh', // this computer has no ssh client
  'ssh-failed', // anything else; stderr says what
] as const;
export type SshFailureReason = (typeof SSH_FAILURE_REASONS)[number];

/** A failed ssh connection: a 'connection' VnmError with a reason to switch on. */
export class SshConnectError extends VnmError {
  constructor(
    readonly reason: SshFailureReason,
    message: string,
    /** ssh's own stderr (and the remote proxy's), for an expandable "details". */
    readonly stderr: string,
  ) {
    super('connection', message, stderr.trim() || undefined);
    this.name = 'SshConnectError';
  }
}

export interface SshExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

/** The host key ssh reported, as `ED25519 SHA256:…`. */
export function fingerprintIn(text: string): string | undefined {
  const debug = /Server host key: (\S+) (SHA256:[\w+/=]+)/.exec(text);
  if (debug) return `${debug[1]!.replace(/^ssh-/, '').toUpperCase()} ${debug[2]}`;
  const type = /The fingerprint for the (\S+) key sent by the remote host is/.exec(text)?.[1];
  const fp = /(SHA256:[\w+/=]+)/.exec(text)?.[1];
  if (!fp) return undefined;
  return type ? `${type} ${fp}` : fp;
}

/** Which reason the exit shows; the message comes from `sshFailureMessage`. */
export function classifySshExit(exit: SshExit): SshFailureReason {
  const err = exit.stderr;
  if (exit.code === PROXY_EXIT_NO_VNMD) return 'no-vnmd';
  if (exit.code === PROXY_EXIT_DENIED) return 'socket-denied';
  if (exit.code === 127 || exit.code === 126) return 'no-vnm';
  if (/unknown command: 'proxy'/.test(err)) return 'no-vnm';
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(err))
    return 'host-key-changed';
  if (/No \S+ host key is known for|Host key verification failed/.test(err)) return 'host-key-unknown';
  if (/Permission denied \(|Too many authentication failures|No more authentication methods/.test(err)) {
    return 'auth-failed';
  }
  if (/Connection timed out during banner exchange|Operation timed out/.test(err)) return 'timeout';
  if (
    /Could not resolve hostname|Connection refused|No route to host|Network is unreachable|Connection timed out|Connection closed by|Connection reset by|kex_exchange_identification/.test(
      err,
    )
  ) {
    return 'unreachable';
  }
  return 'ssh-failed';
}

/** The last line `vnm proxy` wrote (as `error: …`), without the prefix. */
function proxyLine(stderr: string): string | undefined {
  const lines = stderr.split('\n').filter((l) => l.startsWith('error: '));
  return lines.at(-1)?.slice('error: '.length);
}

/** ssh's line that says what happened, without the "ssh: " prefix. */
function sshLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('debug') && !l.startsWith('@'));
  const line =
    lines.find((l) => /^ssh: |Permission denied|Connection|Host key/.test(l)) ?? lines.at(-1) ?? '';
  return line.replace(/^ssh: /, '').replace(/\.$/, '');
}

export interface FailureFacts {
  readonly target: SshTarget;
  readonly exit: SshExit;
  readonly reason: SshFailureReason;
  /** The host key's fingerprint when the reason is about host keys and it is known. */
  readonly fingerprint?: string;
  readonly timeoutMs: number;
}

export function sshFailureMessage(f: FailureFacts): string {
  const t = f.target;
  const dest = sshDestination(t);
  const where = t.port === undefined ? dest : `${dest} port ${t.port}`;
  const kh = t.knownHosts === undefined ? '' : ` -f ${t.knownHosts}`;
  const byHand = `ssh${t.port === undefined ? '' : ` -p ${t.port}`}${t.knownHosts === undefined ? '' : ` -o UserKnownHostsFile=${t.knownHosts}`} ${dest}`;
  const remote = proxyLine(f.exit.stderr);
  switch (f.reason) {
    case 'unreachable':
      return `cannot reach ${where}: ${sshLine(f.exit.stderr)}. Check the host name and port, and that sshd runs there.`;
    case 'host-key-unknown':
      return `the host key of ${t.host} is not known here (${f.fingerprint ?? 'its fingerprint could not be read'}). If the host's administrator confirms that fingerprint, accept it by connecting once by hand (\`${byHand}\`) or add no_verify=1 to the URI.`;
    case 'host-key-changed':
      return `the host key of ${t.host} has CHANGED (it now sends ${f.fingerprint ?? 'an unknown key'}), which can mean someone is intercepting the connection, so vnm will not connect. If the host was reinstalled, remove the old key with \`ssh-keygen -R ${t.host}${kh}\` and accept the new one.`;
    case 'auth-failed':
      return `${where} refused the login (${sshLine(f.exit.stderr)}). Check the user name and the key${t.keyfile === undefined ? '' : ` ${t.keyfile}`}, and that its public half is in ~/.ssh/authorized_keys on ${t.host}.`;
    case 'no-vnm':
      return `vnm is not installed on ${t.host} (\`${t.command} proxy\` ${f.exit.code === 127 ? 'was not found' : 'did not run'}). Install vnm there, or give its path with command=/path/to/vnm in the URI.`;
    case 'socket-denied':
      return `on ${t.host}: ${remote ?? 'vnmd refused this user'}${t.readOnly ? '' : ' To only look, add ro=1 to the URI.'}`;
    case 'no-vnmd':
      return `on ${t.host}: ${remote ?? 'vnmd is not running'}`;
    case 'timeout':
      return `${where} did not finish connecting within ${Math.round(f.timeoutMs / 1000)} s. Check that the host is up and sshd answers (\`${byHand}\`).`;
    case 'no-ssh':
      return 'ssh is not installed on this computer: install it (Debian: `sudo apt install openssh-client`).';
    case 'ssh-failed':
      return `ssh to ${where} failed (${f.exit.code === null ? `signal ${f.exit.signal}` : `exit status ${f.exit.code}`}): ${sshLine(f.exit.stderr) || 'no message'}.`;
  }
}
