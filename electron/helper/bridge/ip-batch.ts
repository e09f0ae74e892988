/**
 * One long-lived `ip -force -batch -` per vnmd, for the link changes of a start and a
 * destroy: a command costs a line on a pipe instead of a new process (a fork of vnmd, which
 * on a busy host blocks vnmd for 10-25 ms, then ip's own start-up).
 *
 * How a command's outcome is known: each command line is followed by a line naming an object
 * ip does not know. ip refuses that one at once, touching nothing, and reports it on stderr
 * as `Command failed -:N` with its line number. Everything ip wrote on stderr before that
 * belongs to the command, which failed if it has a `Command failed` line of its own. Lines go
 * one at a time, so nothing after a failed line runs (as with `ip -batch` without -force).
 * An ip that exits (it does on some argument errors) fails the command and is started again
 * for the next one. Commands are still argument lists: no shell, and every word is checked
 * to be free of spaces, quotes and newlines, which would change how ip splits the line.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { VnmError } from '../../../shared/rpc/errors';
import { crashPoint } from '../crash-point';
import { CHILD_ENV, spawnSession } from '../exec';

const MARKER = 'vnm-sync';
const TIMEOUT_MS = 20_000;

interface Waiter {
  readonly words: readonly string[];
  readonly cmdLine: number;
  readonly markerLine: number;
  readonly timer: NodeJS.Timeout;
  resolve(): void;
  reject(err: unknown): void;
}

function lineOf(words: readonly string[]): string {
  for (const w of words) {
    if (w === '' || /[\s"'\\#]/.test(w)) {
      throw new VnmError('internal', `Refusing to pass '${w}' to ip: it would not stay one argument.`);
    }
  }
  return words.join(' ');
}

class IpBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  private lines = 0;
  private stderr = '';
  private waiter: Waiter | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs each command (ip's arguments, without `ip`) in order, stopping at the first failure. */
  run(commands: readonly (readonly string[])[]): Promise<void> {
    const result = this.tail.then(async () => {
      for (const words of commands) {
        await this.one(words);
        crashPoint(`ip ${words.join(' ')}`);
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private one(words: readonly string[]): Promise<void> {
    const line = lineOf(words);
    const child = this.ensure();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(new VnmError('operation-failed', `ip ${line} failed: timed out after ${TIMEOUT_MS} ms`));
        child.kill('SIGKILL');
      }, TIMEOUT_MS);
      const cmdLine = ++this.lines;
      const markerLine = ++this.lines;
      this.waiter = { words, cmdLine, markerLine, timer, resolve, reject };
      child.stdin.write(`${line}\n${MARKER}\n`);
    });
  }

  private ensure(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawnSession(
      'ip',
      ['-force', '-batch', '-'],
      CHILD_ENV,
      (chunk) => this.onStderr(chunk),
      (c, err) => this.gone(c, err),
    );
    this.child = child;
    this.lines = 0;
    this.stderr = '';
    return child;
  }

  private onStderr(chunk: string): void {
    this.stderr += chunk;
    const w = this.waiter;
    if (!w) return;
    const end = `Command failed -:${w.markerLine}\n`;
    const at = this.stderr.indexOf(end);
    if (at < 0) return;
    const text = this.stderr.slice(0, at);
    this.stderr = this.stderr.slice(at + end.length);
    const own = text.lastIndexOf(`Object "${MARKER}"`);
    const said = own >= 0 ? text.slice(0, own) : text;
    const failed = `Command failed -:${w.cmdLine}\n`;
    this.settle(said.includes(failed) ? this.failure(w.words, said.replace(failed, '')) : null);
  }

  private failure(words: readonly string[], stderr: string): VnmError {
    const first =
      stderr
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? 'it failed';
    return new VnmError('operation-failed', `ip ${words.join(' ')} failed: ${first}`, stderr);
  }

  private settle(err: VnmError | null): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve();
  }

  private gone(child: ChildProcessWithoutNullStreams, err: VnmError | null): void {
    if (this.child !== child) return;
    this.child = null;
    const w = this.waiter;
    if (w) this.settle(err ?? this.failure(w.words, this.stderr || 'ip exited'));
  }
}

const shared = new IpBatch();

/** Runs ip commands in vnmd's long-lived ip, in order, stopping at the first that fails. */
export function ipBatch(commands: readonly (readonly string[])[]): Promise<void> {
  return shared.run(commands);
}
