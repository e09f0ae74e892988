/**
 * One dnsmasq per running network, as libvirt runs it: in a session of its own, writing its
 * own pid file, so it keeps serving while vnmd restarts (launch.ts starts it). A new vnmd
 * finds it by the pid vnmd recorded in the network's status (root's own file), and only
 * when that one is gone by the pid file, which dnsmasq hands to nobody, the account it serves
 * as. Every signal is preceded by an identity check (identity.ts): a pid file never leads
 * vnmd to signal a process that is not our dnsmasq.
 */
import { rm } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { VnmError } from '../../../shared/rpc/errors';
import { dnsmasqAccountFor } from './account';
import type { Account } from './account';
import { isAlive, isOurDnsmasq, readPidFile } from './identity';
import { childExit, launchDnsmasq, LaunchFailure } from './launch';
import { launchHint } from './launch-hint';

export const DNSMASQ_BINARY = '/usr/sbin/dnsmasq';

export interface DnsmasqInstance {
  /** The network, for messages only. */
  readonly network: string;
  /** Absolute path of the configuration file; it identifies the process (--conf-file=). */
  readonly confPath: string;
  /** Must be the pid-file= of that configuration. */
  readonly pidFile: string;
  /**
   * The pid vnmd recorded when it started this dnsmasq, believed before the pid file: nobody
   * may rewrite that file, and a lie there must not make vnmd lose the dnsmasq it started.
   */
  readonly knownPid?: number;
}

export interface StartOptions {
  readonly binary?: string;
  /** How long dnsmasq may take to write its pid file; default 30 s. */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The command line. Everything else is in the configuration file, which stays identical to
 * libvirt's; only the account is set here (account.ts: nobody, as libvirt runs it, when its
 * folders let nobody re-read its files).
 */
export function dnsmasqArgs(confPath: string, account: Account = dnsmasqAccountFor(confPath)): string[] {
  return [`--conf-file=${confPath}`, `--user=${account.user}`, `--group=${account.group}`];
}

/** The pid of this network's dnsmasq if it is running, checked against /proc. */
export async function findDnsmasq(inst: DnsmasqInstance): Promise<number | undefined> {
  const known = inst.knownPid;
  if (known !== undefined && known > 0 && (await isOurDnsmasq(known, inst.confPath))) return known;
  const pid = await readPidFile(inst.pidFile);
  if (pid === undefined) return undefined;
  return (await isOurDnsmasq(pid, inst.confPath)) ? pid : undefined;
}

/** Starts dnsmasq for a network whose configuration file is written; returns its pid. */
export async function startDnsmasq(inst: DnsmasqInstance, opts: StartOptions = {}): Promise<number> {
  if (!isAbsolute(inst.confPath)) {
    throw new VnmError('internal', `dnsmasq configuration path ${inst.confPath} is not absolute.`);
  }
  const running = await findDnsmasq(inst);
  if (running !== undefined) {
    throw new VnmError(
      'conflict',
      `dnsmasq for network ${inst.network} is already running (pid ${running}); stop it before starting it again.`,
    );
  }
  // A stale pid file would be mistaken for the new one.
  await rm(inst.pidFile, { force: true });
  const binary = opts.binary ?? DNSMASQ_BINARY;
  try {
    return (await launchDnsmasq(binary, dnsmasqArgs(inst.confPath), inst.pidFile, opts.timeoutMs ?? 30_000))
      .pid;
  } catch (e) {
    if (!(e instanceof LaunchFailure)) throw e;
    const why = e.stderr.split('\n').find((line) => line.trim() !== '') ?? e.message;
    const hint = launchHint({ why, confPath: inst.confPath, pidFile: inst.pidFile, hung: e.code === null });
    throw new VnmError(
      'operation-failed',
      `dnsmasq for network ${inst.network} did not start (${why.trim().replace(/^dnsmasq: /, '')}); ${hint}.`,
      e.stderr || undefined,
    );
  }
}

/** Waits for `pid` to exit: at once for a child of ours, else polling /proc, often at first. */
async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const own = childExit(pid);
  if (own) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const gone = await Promise.race([own.then(() => true), late]);
    clearTimeout(timer);
    return gone || !(await isAlive(pid));
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1; await isAlive(pid); delay = Math.min(delay * 2, 20)) {
    if (Date.now() > deadline) return false;
    await sleep(delay);
  }
  return true;
}

/**
 * Stops this network's dnsmasq: SIGTERM, then SIGKILL if it is still there after
 * `timeoutMs`. Returns false when no dnsmasq of ours was running (a stale pid file is
 * removed; whatever process its pid now belongs to is left alone).
 */
export async function stopDnsmasq(inst: DnsmasqInstance, timeoutMs = 5_000): Promise<boolean> {
  const pid = await findDnsmasq(inst);
  if (pid === undefined) {
    await rm(inst.pidFile, { force: true });
    return false;
  }
  signal(pid, 'SIGTERM');
  if (!(await waitGone(pid, timeoutMs)) && (await isOurDnsmasq(pid, inst.confPath))) {
    signal(pid, 'SIGKILL');
    if (!(await waitGone(pid, timeoutMs))) {
      throw new VnmError(
        'operation-failed',
        `dnsmasq for network ${inst.network} (pid ${pid}) did not exit after SIGKILL; look at it with ps and stop it by hand.`,
      );
    }
  }
  await rm(inst.pidFile, { force: true });
  return true;
}

/** Makes dnsmasq reread its hosts files (dhcp-hostsfile=, addn-hosts=) with SIGHUP. */
export async function reloadDnsmasq(inst: DnsmasqInstance): Promise<void> {
  const pid = await findDnsmasq(inst);
  if (pid === undefined) {
    throw new VnmError(
      'operation-failed',
      `dnsmasq for network ${inst.network} is not running; restart the network to start it again.`,
    );
  }
  signal(pid, 'SIGHUP');
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    // It exited between the identity check and the signal: nothing left to signal.
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
