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
 * True only when `pid` is a live dnsmasq started with `--conf-file=<confPath>`. Anything
 * else (no such process, another program, another network's dnsmasq) is not ours.
 */
export function isOurDnsmasq(pid: number, confPath: string): Promise<boolean> {
  return settled(() => isOurDnsmasqNow(pid, confPath));
}

/**
 * Processes already found to be ours, by pid and conf file, with their start time: a pid
 * with the same start time is the same process, so the watchdog's every-second check of
 * hundreds of dnsmasqs reads one small /proc file each instead of three (issue 17). A reused
 * pid has another start time and is checked in full. A memo of facts that cannot change, not
 * state: losing it costs one full check.
 */
const known = new Map<string, string>();
const KNOWN_MAX = 4096;

function isOurDnsmasqNow(pid: number, confPath: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1) return false;
  const stat = procStat(pid);
  const key = `${pid} ${confPath}`;
  if (stat === undefined || stat.state === 'Z' || stat.state === 'X' || stat.state === '') {
    known.delete(key);
    return false;
  }
  if (known.get(key) === stat.startTime) return true;
  const argv = cmdline(pid);
  const ours =
    stat.comm === 'dnsmasq' && argv !== undefined && argv.slice(1).includes(`--conf-file=${confPath}`);
  if (ours) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, stat.startTime);
  }
  return ours;
}

interface ProcStat {
  readonly comm: string;
  readonly state: string;
  /** Clock ticks after boot, as text: with the pid, names one process for the boot's life. */
  readonly startTime: string;
}

/**
 * The command name comes from /proc/PID/stat, not /proc/PID/exe: dnsmasq runs as nobody, and
 * reading another user's exe link needs CAP_SYS_PTRACE, which the service does not have.
 */
function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    cannotTellIf(e, `process ${pid} is our dnsmasq`);
    return undefined;
  }
  // The command name may itself contain ')' and spaces: fields are counted after the last ')'.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 of proc(5) (state); starttime is field 22.
  return {
    comm: stat.slice(stat.indexOf('(') + 1, close),
    state: fields[0] ?? '',
    startTime: fields[19] ?? '',
  };
}
