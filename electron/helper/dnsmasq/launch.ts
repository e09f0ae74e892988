/**
 * Launching dnsmasq without letting it daemonise itself: with --keep-in-foreground it skips
 * its two forks (a fifth of its start-up time on a busy host) and vnmd knows its pid at once.
 * vnmd puts it in a session of its own instead (exec.ts spawnDaemon), so it keeps serving
 * while vnmd restarts, as a daemonised one would.
 *
 * When is it up? dnsmasq parses its configuration, binds its sockets and opens its leases
 * file, then writes its pid file and points its stderr at /dev/null. So: the pid file naming
 * our child means it started; the child exiting first means it did not, and what it wrote
 * on stderr says why.
 */
import type { ChildProcess } from 'node:child_process';
import { VnmError } from '../../../shared/rpc/errors';
import { spawnDaemon, spawnError } from '../exec';
import { readPidFile } from './identity';

export interface Launched {
  readonly pid: number;
}

/**
 * Children started here, until they exit: waiting for them needs no polling. Module level on
 * purpose, unlike the driver's state (DriverContext): a child belongs to the process, not to
 * a driver, and its pid is unique on the host, so two drivers in one process can share this
 * map without seeing each other's state; each only ever asks about pids it launched.
 */
const children = new Map<number, ChildProcess>();

/** Resolves when `pid` (a child launched here) exits; null when it is not one. */
export function childExit(pid: number): Promise<void> | null {
  const child = children.get(pid);
  if (!child) return null;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Launches `binary args...` and waits until it wrote `pidFile` with its pid, or failed. */
export async function launchDnsmasq(
  binary: string,
  args: readonly string[],
  pidFile: string,
  timeoutMs: number,
): Promise<Launched> {
  const child = spawnDaemon(binary, ['--keep-in-foreground', ...args]);
  // Listeners before anything that can throw: out of descriptors, spawn reports EMFILE
  // through 'error' a tick later and child.stderr is null.
  const failed = new Promise<VnmError>((resolve) =>
    child.once('error', (e) => resolve(spawnError(binary, e))),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (!child.stderr || child.pid === undefined) throw await failed;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk.slice(0, 8192)));
  let outcome: Awaited<ReturnType<typeof waitForPidFile>> | 'exited' | VnmError;
  try {
    const started = waitForPidFile(child, pidFile, timeoutMs);
    outcome = await Promise.race([started, exited.then(() => 'exited' as const), failed]);
  } catch (e) {
    // We cannot tell whether it came up (the pid file could not be read): a dnsmasq we
    // cannot account for must not be left running.
    child.kill('SIGKILL');
    throw e;
  }
  if (outcome instanceof VnmError) throw outcome;
  if (outcome === 'exited' || outcome === 'timeout') {
    if (outcome === 'timeout') child.kill('SIGKILL');
    // The last of stderr may still be on its way when the exit is seen.
    await Promise.race([new Promise((r) => child.stderr.once('close', r)), sleep(200)]);
    throw new LaunchFailure(outcome === 'timeout' ? null : (child.exitCode ?? -1), stderr);
  }
  child.stderr.destroy();
  const pid = child.pid;
  children.set(pid, child);
  void exited.then(() => children.delete(pid));
  return { pid };
}

/** The child did not come up: its exit status (null: it hung) and what it wrote. */
export class LaunchFailure extends Error {
  constructor(
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(code === null ? 'timed out' : `exit status ${code}`);
  }
}

async function waitForPidFile(
  child: ChildProcess,
  pidFile: string,
  timeoutMs: number,
): Promise<'started' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  // dnsmasq closes its stderr right after it writes the pid file: look then, and poll (more
  // slowly as time goes on) in case that order ever changes.
  let wake: () => void = () => undefined;
  child.stderr?.once('end', () => wake());
  for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
    if (child.exitCode !== null || child.signalCode !== null) return new Promise(() => undefined);
    if ((await readPidFile(pidFile)) === child.pid) return 'started';
    if (Date.now() > deadline) return 'timeout';
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, delay);
    });
  }
}
