/**
 * Is this pid still the dnsmasq vnm started? A pid file can outlive its process and the
 * kernel reuses pids, so vnmd checks /proc before every signal: the command must be
 * dnsmasq and its command line must name our configuration file.
 */
// Sync on purpose: /proc and a pid file on /run never wait on a disk, and a trip through
// libuv's thread pool costs milliseconds on a busy host.
import { readFileSync } from 'node:fs';
import { VnmError } from '../../../shared/rpc/errors';
import { outOfDescriptors } from '../exec';

/**
 * Out of file descriptors, a read of /proc or of a pid file fails although the process is
 * there: that is "cannot tell", never "gone" (taking a live dnsmasq for dead would delete
 * its pid file and start a second one). Every other failure to read means it is gone.
 */
function cannotTellIf(e: unknown, what: string): void {
  if (outOfDescriptors(e)) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EMFILE';
    throw new VnmError(
      'operation-failed',
      `vnmd cannot tell whether ${what}: it is out of file descriptors (${code}); try again when fewer clients are connected.`,
    );
  }
}

/** The sync answer as a promise; a "cannot tell" becomes a rejection. */
function settled<T>(answer: () => T): Promise<T> {
  try {
    return Promise.resolve(answer());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** The pid written in a pid file, or undefined when the file is missing or holds no pid. */
export function readPidFile(pidFile: string): Promise<number | undefined> {
  return settled(() => readPidFileNow(pidFile));
}

function readPidFileNow(pidFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8');
  } catch (e) {
    cannotTellIf(e, `dnsmasq is running (reading ${pidFile} failed)`);
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 1 ? pid : undefined;
}

/** Whether the process exists and has not exited (a zombie counts as gone). */
export function isAlive(pid: number): Promise<boolean> {
  return settled(() => isAliveNow(pid));
}

function isAliveNow(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    cannotTellIf(e, `process ${pid} is alive`);
    return false;
  }
  // The state letter follows the last ')': the command name itself may contain ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X' && state !== '';
}

/** The argv of a running process, or undefined when it is gone or unreadable. */
function cmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const argv = raw.split('\0');
    if (argv.at(-1) === '') argv.pop();
    return argv;
  } catch (e) {
    cannotTellIf(e, `process ${pid} is our dnsmasq`);
    return undefined;
  }
}

/**
 * The process's command name from /proc/PID/stat. Not /proc/PID/exe: dnsmasq runs as nobody,
 * and reading another user's exe link needs CAP_SYS_PTRACE, which the service does not have.
 */
function commName(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  } catch (e) {
    cannotTellIf(e, `process ${pid} is our dnsmasq`);
    return undefined;
  }
}

/**
 * True only when `pid` is a live dnsmasq started with `--conf-file=<confPath>`. Anything
 * else (no such process, another program, another network's dnsmasq) is not ours.
 */
export function isOurDnsmasq(pid: number, confPath: string): Promise<boolean> {
  return settled(() => isOurDnsmasqNow(pid, confPath));
}

function isOurDnsmasqNow(pid: number, confPath: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1) return false;
  if (!isAliveNow(pid)) return false;
  const argv = cmdline(pid);
  if (commName(pid) !== 'dnsmasq' || !argv) return false;
  return argv.slice(1).includes(`--conf-file=${confPath}`);
}
