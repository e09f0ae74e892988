/**
 * Issue 20 item 3: out of file descriptors, spawn reports EMFILE through the child's 'error'
 * event a tick later and leaves its stdio streams null. run() and launchDnsmasq() must
 * answer with a clear error, never crash vnmd on an unhandled 'error' (launch.ts used to
 * attach its listener after child.stderr.setEncoding). The test lowers this worker's own
 * RLIMIT_NOFILE (prlimit --pid) to what it has open, and puts it back after.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VnmError } from '../../shared/rpc/errors';
import { launchDnsmasq } from './dnsmasq/launch';
import { run } from './exec';

const limits = () => {
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return { soft: m?.[1] ?? 'unlimited', hard: m?.[2] ?? 'unlimited' };
};
const saved = limits();

/**
 * Out of descriptors, this process cannot even start prlimit again: a helper started before
 * waits on its stdin (a pipe already open) and puts the limit back when told.
 */
let restorer: ChildProcess | null = null;

afterEach(async () => {
  const r = restorer;
  restorer = null;
  if (!r) return;
  const exited = new Promise((resolve) => r.once('exit', resolve));
  r.stdin?.end('\n');
  await exited;
});

/** Leaves this process one descriptor short of what spawning a child with pipes needs. */
function exhaust(): void {
  const restore = `read _; exec prlimit --pid ${process.pid} --nofile=${saved.soft}:${saved.hard}`;
  restorer = spawn('sh', ['-c', restore], { stdio: ['pipe', 'ignore', 'inherit'] });
  const open = readdirSync('/proc/self/fd').length;
  execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${open + 1}:${saved.hard}`]);
}

async function failure(p: Promise<unknown>): Promise<VnmError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(VnmError);
  return e as VnmError;
}

describe('out of file descriptors', () => {
  it('run() says so in one sentence', async () => {
    exhaust();
    const e = await failure(run('true', []));
    expect(e.message).toMatch(/could not run true: it is out of file descriptors \(EMFILE\)/);
  });

  it('launchDnsmasq() says so too, instead of a TypeError or an unhandled error event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnm-emfile-'));
    try {
      exhaust();
      const e = await failure(launchDnsmasq('sleep', ['30'], join(dir, 'x.pid'), 5_000));
      expect(e.message).toMatch(/could not run sleep: it is out of file descriptors \(EMFILE\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
