/**
 * One vnmd per set of directories. Two would adopt the same networks and undo each other's
 * work, so the second refuses before it reads or changes anything: RUNDIR/vnmd.pid names the
 * owner by pid, process start time and boot id (a pid alone is reused), and a socket that
 * still answers counts as a live owner too (a vnmd in another pid namespace, or one from
 * before this lock).
 */
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { VnmError } from '../../shared/rpc/errors';

interface Owner {
  readonly pid: number;
  readonly startTime: string;
  readonly bootId: string;
}

export interface InstanceLock {
  readonly path: string;
  release(): Promise<void>;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/** Field 22 of /proc/PID/stat (clock ticks since boot), or null when no such process. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function parseOwner(text: string): Owner | null {
  try {
    const v = JSON.parse(text) as Partial<Owner>;
    return typeof v.pid === 'number' && typeof v.startTime === 'string' && typeof v.bootId === 'string'
      ? { pid: v.pid, startTime: v.startTime, bootId: v.bootId }
      : null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  return owner.bootId === bootId() && processStartTime(owner.pid) === owner.startTime;
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function refuse(runtimeDir: string, who: string): VnmError {
  return new VnmError(
    'conflict',
    `Another vnmd (${who}) already manages ${runtimeDir}; stop it first, or give this one other --config-dir, --state-dir and --runtime-dir.`,
  );
}

/**
 * Takes the lock or throws a conflict naming the other vnmd. `sockets` are the paths this
 * vnmd will listen on. A stale file (its process gone) is replaced, with a log line.
 */
export async function acquireInstanceLock(
  runtimeDir: string,
  sockets: readonly string[],
  log: (message: string) => void,
): Promise<InstanceLock> {
  await mkdir(runtimeDir, { recursive: true, mode: 0o755 });
  const path = join(runtimeDir, 'vnmd.pid');
  const me: Owner = { pid: process.pid, startTime: processStartTime(process.pid) ?? '', bootId: bootId() };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await linkNew(path, text)) {
      const lock = { path, release: () => releaseIfOurs(path, text) };
      await refuseIfAnswering(runtimeDir, sockets, lock);
      return lock;
    }
    const owner = parseOwner(await readFile(path, 'utf8').catch(() => ''));
    if (owner && isAlive(owner)) throw refuse(runtimeDir, `pid ${owner.pid}`);
    log(`removing stale ${path} (${owner ? `pid ${owner.pid} is gone` : 'unreadable'})`);
    await unlink(path).catch(() => undefined);
  }
  throw refuse(runtimeDir, `it keeps rewriting ${path}`);
}

/**
 * Creates `path` holding `text`, or returns false if it exists. Written aside and linked in,
 * so no other vnmd ever reads the file empty and takes it for stale.
 */
async function linkNew(path: string, text: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o644 });
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** A vnmd without a lock file (another pid namespace, an older version) still answers. */
async function refuseIfAnswering(
  runtimeDir: string,
  sockets: readonly string[],
  lock: InstanceLock,
): Promise<void> {
  for (const socket of sockets) {
    if (!(await answers(socket))) continue;
    await lock.release();
    throw refuse(runtimeDir, `answering on ${socket}`);
  }
}

async function releaseIfOurs(path: string, text: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => '')) === text) await unlink(path).catch(() => undefined);
}
