import { describe, expect, it } from 'vitest';
import { VnmError } from '../../shared/rpc/errors';
import { run, runJson, spawnDaemon, spawnError } from './exec';

async function failure(p: Promise<unknown>): Promise<VnmError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(VnmError);
  return e as VnmError;
}

describe('run', () => {
  it('passes arguments as they are, never through a shell', async () => {
    const { stdout } = await run('printf', ['%s|', '$(id)', 'a b', ';', '*']);
    expect(stdout).toBe('$(id)|a b|;|*|');
  });

  it('feeds input on stdin', async () => {
    expect((await run('cat', [], { input: 'line 1\nline 2\n' })).stdout).toBe('line 1\nline 2\n');
  });

  it('reports a non-zero exit with the command and the first line of stderr', async () => {
    const e = await failure(run('ls', ['/nonexistent-vnm-path', '/also-missing']));
    expect(e.kind).toBe('operation-failed');
    expect(e.message).toMatch(/^ls \/nonexistent-vnm-path \/also-missing failed: ls: cannot access/);
    expect(e.details).toContain('/also-missing');
  });

  it('names the exit status when stderr is empty', async () => {
    expect((await failure(run('false', []))).message).toBe('false failed: exit status 1');
  });

  it('says so when a program is missing', async () => {
    const e = await failure(run('vnm-no-such-program', []));
    expect(e.message).toContain('vnm-no-such-program was not found');
  });

  it('kills a program that runs past its timeout', async () => {
    // Were it not killed, sleep would outlive the test's own timeout and fail it.
    const e = await failure(run('sleep', ['600'], { timeoutMs: 100 }));
    expect(e.message).toBe('sleep 600 failed: timed out after 100 ms');
  });

  it('survives a program that exits without reading its input', async () => {
    await expect(run('true', [], { input: 'x'.repeat(1 << 20) })).resolves.toBeDefined();
  });
});

describe('runJson', () => {
  it('parses JSON output, and empty output as null', async () => {
    expect(await runJson<{ a: number }>('echo', ['{"a": 1}'])).toEqual({ a: 1 });
    expect(await runJson('true', [])).toBeNull();
  });

  it('says when the output is not JSON', async () => {
    expect((await failure(runJson('echo', ['not json']))).message).toContain(
      'printed output that is not JSON',
    );
  });
});

describe('spawnDaemon', () => {
  it('starts the program in a session of its own, with its stderr piped', async () => {
    // Field 6 of /proc/PID/stat is the session id: a session leader's is its own pid.
    const child = spawnDaemon('sh', ['-c', 'cut -d" " -f6 /proc/$$/stat >&2; exit 3']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, session: stderr.trim() }).toEqual({ code: 3, session: String(child.pid) });
  });

  it('turns a missing program into a message that says what to install', async () => {
    const child = spawnDaemon('vnm-no-such-program', []);
    const e = await new Promise<NodeJS.ErrnoException>((resolve) => child.on('error', resolve));
    expect(spawnError('vnm-no-such-program', e).message).toMatch(/was not found: install it/);
  });
});
