/**
 * The one way vnmd runs external programs: argument arrays handed to the kernel as they are,
 * never a shell string, so no name or address a user typed can become a command.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio, ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Readable } from 'node:stream';
import { VnmError } from '../../shared/rpc/errors';

export interface RunOptions {
  /** Written to the program's standard input, which is then closed. */
  readonly input?: string;
  /** The program is killed (SIGKILL) after this long; default 30 s. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

// C locale: error lines we show or match on must not depend on the user's language.
export const CHILD_ENV = { ...process.env, LC_ALL: 'C', LANG: 'C' };

function describe(cmd: string, args: readonly string[]): string {
  const line = [cmd, ...args].join(' ');
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

function notInstalled(cmd: string): VnmError {
  return new VnmError(
    'operation-failed',
    `${cmd} was not found: install it (vnm needs iproute2, nftables and dnsmasq) or fix PATH.`,
  );
}

/** Runs `cmd` with `args`; resolves with its output, or throws a VnmError when it fails. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { env: CHILD_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    // First, before anything can fail: out of descriptors (EMFILE), spawn reports through
    // 'error' a tick later and leaves the stdio streams null.
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(spawnError(cmd, e));
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill('SIGKILL');
      else into.push(chunk);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (!child.stdout || !child.stderr || !child.stdin) return;
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) return resolve({ stdout, stderr });
      const why = timedOut
        ? `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
        : firstLine(stderr) || (signal ? `killed by ${signal}` : `exit status ${code}`);
      reject(new VnmError('operation-failed', `${describe(cmd, args)} failed: ${why}`, stderr));
    });
    // A program that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs `cmd` and parses its standard output as JSON (for `ip -json`, `nft -j`). */
export async function runJson<T>(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<T> {
  const { stdout } = await run(cmd, args, opts);
  const text = stdout.trim();
  try {
    return JSON.parse(text === '' ? 'null' : text) as T;
  } catch {
    throw new VnmError(
      'operation-failed',
      `${describe(cmd, args)} printed output that is not JSON; check that the installed version supports JSON output.`,
      stdout.slice(0, 4096),
    );
  }
}

/**
 * Starts a daemon that must outlive vnmd: in a session of its own (setsid, so no signal
 * meant for vnmd's terminal or process group reaches it), stdin and stdout on /dev/null,
 * stderr piped so its startup errors can be read. vnmd's event loop does not wait for it.
 * A missing program is reported through the child's 'error' event (see spawnError).
 */
export function spawnDaemon(cmd: string, args: readonly string[]): ChildProcessByStdio<null, null, Readable> {
  const child = spawn(cmd, [...args], {
    env: CHILD_ENV,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  child.unref();
  return child;
}

/** Whether an error means this process (or the system) ran out of file descriptors. */
export function outOfDescriptors(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}

/** The error for a spawn 'error' event: a missing program says what to install. */
export function spawnError(cmd: string, e: NodeJS.ErrnoException): VnmError {
  if (e.code === 'ENOENT') return notInstalled(cmd);
  if (outOfDescriptors(e)) {
    return new VnmError(
      'operation-failed',
      `vnmd could not run ${cmd}: it is out of file descriptors (${e.code}); close some clients and try again.`,
    );
  }
  return new VnmError('operation-failed', e.message);
}

/**
 * A long-lived helper process (`ip -batch -`, `nft -i`) fed commands on stdin. It never keeps
 * vnmd alive by itself (a pending command's timer does while it waits); stdout is drained,
 * stderr is delivered as text, and `onGone` hears of a spawn error or exit exactly as they come.
 */
export function spawnSession(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onStderr: (chunk: string) => void,
  onGone: (child: ChildProcessWithoutNullStreams, err: VnmError | null) => void,
): ChildProcessWithoutNullStreams {
  const child = spawn(cmd, args, { env, stdio: 'pipe' });
  // Listeners first: a spawn that fails for want of descriptors leaves the streams null.
  child.on('error', (e) => onGone(child, spawnError(cmd, e)));
  child.on('close', () => onGone(child, null));
  child.unref();
  if (!child.stdin || !child.stdout || !child.stderr) return child;
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref(): void }).unref();
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', onStderr);
  child.stdin.on('error', () => undefined);
  return child;
}
