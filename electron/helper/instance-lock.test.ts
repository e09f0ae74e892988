import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, processStartTime } from './instance-lock';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'vnm-lock-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('instance lock', () => {
  it('refuses while its owner lives, naming its pid, and frees the file on release', async () => {
    const lock = await acquireInstanceLock(dir, [], () => undefined);
    const owner = JSON.parse(readFileSync(lock.path, 'utf8')) as { pid: number; startTime: string };
    expect(owner.pid).toBe(process.pid);
    expect(owner.startTime).toBe(processStartTime(process.pid));
    await expect(acquireInstanceLock(dir, [], () => undefined)).rejects.toThrow(
      new RegExp(`Another vnmd \\(pid ${process.pid}\\) already manages`),
    );
    await lock.release();
    const again = await acquireInstanceLock(dir, [], () => undefined);
    await again.release();
  });

  it('takes over a file whose process is gone or whose pid was reused', async () => {
    const logged: string[] = [];
    // Our own pid, but another start time: the pid was reused.
    writeFileSync(join(dir, 'vnmd.pid'), JSON.stringify({ pid: process.pid, startTime: '1', bootId: 'x' }));
    const lock = await acquireInstanceLock(dir, [], (m) => logged.push(m));
    expect(logged).toEqual([expect.stringMatching(/removing stale .*vnmd\.pid/)]);
    await lock.release();
  });
});
