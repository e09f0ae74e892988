/**
 * The ssh command line for a vnm+ssh target, as an argument array (never a shell string):
 * `ssh -T -e none -o … [user@]host -- vnm proxy [--ro] [--socket PATH]`.
 */
import type { SshTarget } from './ssh-uri';
import { sshDestination } from './ssh-uri';

export interface SshArgsOptions {
  /** No prompts at all (no askpass was given): BatchMode=yes, unknown host keys refused. */
  readonly batch: boolean;
  readonly timeoutMs: number;
  /** A file for ssh's -F (VNM_SSH_CONFIG): ProxyCommand, aliases and the like. */
  readonly configFile?: string;
}

/** Quotes one word for the remote user's shell, which ssh hands the command to as one string. */
export function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** An -o value: ssh splits config values at white space unless they are quoted. */
function optionValue(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}

/** What runs on the remote host: `vnm proxy [--ro] [--socket PATH]`, quoted for its shell. */
export function remoteCommand(t: SshTarget): string[] {
  const words = [t.command, 'proxy'];
  if (t.readOnly) words.push('--ro');
  if (t.socket !== undefined) words.push('--socket', t.socket);
  return words.map(shellWord);
}

export function sshArgs(t: SshTarget, o: SshArgsOptions): string[] {
  const strict = t.noVerify ? 'accept-new' : o.batch ? 'yes' : 'ask';
  const args = ['-T', '-e', 'none'];
  args.push('-o', `BatchMode=${o.batch ? 'yes' : 'no'}`);
  args.push('-o', `ConnectTimeout=${Math.max(1, Math.ceil(o.timeoutMs / 1000))}`);
  args.push('-o', `StrictHostKeyChecking=${strict}`);
  // A host that vanishes (suspended, cable pulled) ends the connection within ~45 s rather than never.
  args.push('-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=3');
  if (t.knownHosts !== undefined) args.push('-o', `UserKnownHostsFile=${optionValue(t.knownHosts)}`);
  if (t.port !== undefined) args.push('-p', String(t.port));
  // The key the URI names, not every key an agent holds (which can exhaust MaxAuthTries first).
  if (t.keyfile !== undefined) args.push('-i', t.keyfile, '-o', 'IdentitiesOnly=yes');
  if (o.configFile) args.push('-F', o.configFile);
  args.push(sshDestination(t), '--', ...remoteCommand(t));
  return args;
}
