/**
 * Atomic file writes: a reader sees the old file or the new one, never half of either.
 * Durable writes (the default) also survive a power cut; files that are rebuilt anyway or do
 * not outlive a reboot (runtime status, dnsmasq's configuration) skip the two fsyncs, which
 * cost milliseconds each on a busy disk. A crash of vnmd itself loses neither kind.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VnmError } from '../../../shared/rpc/errors';

/** `.NAME.PID.RANDOM.tmp`: what writeFileAtomic leaves behind when it is killed mid-write. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

type WriteStep = 'create' | 'write' | 'sync' | 'rename';
const STEP_LABELS: Record<WriteStep, string> = {
  create: 'creating a temporary file for',
  write: 'writing',
  sync: 'flushing to disk',
  rename: 'replacing',
};

/**
 * An error that names the file and the step, so a full disk or a read-only mount reads as
 * what it is instead of an internal error.
 */
export function fileError(path: string, step: WriteStep, err: unknown): VnmError {
  const e = err as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOSPC' || e.code === 'EDQUOT'
      ? 'no space left on the device; free some space and try again'
      : e.code === 'EROFS'
        ? 'the file system is read-only; remount it read-write and try again'
        : `${e.message ?? String(err)}; check the directory and try again`;
  return new VnmError('operation-failed', `Could not save ${path} (${STEP_LABELS[step]} it): ${why}.`);
}

export async function writeFileAtomic(
  path: string,
  data: string,
  mode = 0o600,
  durable = true,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', mode).catch((err: unknown) => {
    throw fileError(path, 'create', err);
  });
  let step: WriteStep = 'write';
  try {
    await fh.writeFile(data);
    step = 'sync';
    if (durable) await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw fileError(path, step, err);
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw fileError(path, 'rename', err);
  }
  if (durable) await syncDir(dirname(path));
}

/** The rename is durable only once the directory itself is synced. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => null);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
}

export async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/**
 * Removes the temporary files a killed writeFileAtomic left in `dir`. Only safe while no
 * other vnmd writes there, which the instance lock (instance-lock.ts) guarantees.
 */
export async function sweepTempFiles(dir: string, log: (message: string) => void): Promise<void> {
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const file of files.filter((f) => TEMP_FILE.test(f))) {
    await unlink(join(dir, file)).then(
      () => log(`removed ${join(dir, file)}, left by an interrupted write`),
      (err: unknown) => log(`could not remove ${join(dir, file)}: ${String(err)}`),
    );
  }
}
