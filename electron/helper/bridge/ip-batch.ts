/**
 * One long-lived `ip -force -batch -` per driver (DriverContext.ip), for the link changes of a start and a
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
import { VnmError } from '../../../shared/rpc/errors';
import { ChildSession, TIMEOUT_MS, type Exchange } from '../child-session';
import { crashPoint } from '../crash-point';
import { CHILD_ENV } from '../exec';

const MARKER = 'vnm-sync';

function lineOf(words: readonly string[]): string {
  for (const w of words) {
    if (w === '' || /[\s"'\\#]/.test(w)) {
      throw new VnmError('internal', `Refusing to pass '${w}' to ip: it would not stay one argument.`);
    }
  }
  return words.join(' ');
}

function failure(words: readonly string[], stderr: string): VnmError {
  const first =
    stderr
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'it failed';
  return new VnmError('operation-failed', `ip ${words.join(' ')} failed: ${first}`, stderr);
}

/** The command on line `cmdLine` of this ip's input, the marker on the next. */
function command(words: readonly string[], line: string, cmdLine: number): Exchange<void> {
  const markerLine = cmdLine + 1;
  return {
    input: `${line}\n${MARKER}\n`,
    answer(stderr) {
      const end = `Command failed -:${markerLine}\n`;
      const at = stderr.indexOf(end);
      if (at < 0) return null;
      const text = stderr.slice(0, at);
      const own = text.lastIndexOf(`Object "${MARKER}"`);
      const said = own >= 0 ? text.slice(0, own) : text;
      const failed = `Command failed -:${cmdLine}\n`;
      return {
        end: at + end.length,
        value: said.includes(failed) ? failure(words, said.replace(failed, '')) : undefined,
      };
    },
    exited: (stderr) => failure(words, stderr || 'ip exited'),
    timedOut: new VnmError('operation-failed', `ip ${line} failed: timed out after ${TIMEOUT_MS} ms`),
  };
}

/** vnmd's long-lived ip: started on the first command, started again if it exits. */
export class IpBatch {
  /** Lines written to the current ip, which numbers them in its error messages. */
  private lines = 0;
  private readonly session = new ChildSession(
    { cmd: 'ip', args: ['-force', '-batch', '-'], env: CHILD_ENV },
    () => (this.lines = 0),
  );

  /** Runs each command (ip's arguments, without `ip`) in order, stopping at the first failure. */
  run(commands: readonly (readonly string[])[]): Promise<void> {
    return this.session.queue(async () => {
      for (const words of commands) {
        const line = lineOf(words);
        await this.session.exchange(() => {
          const cmdLine = this.lines + 1;
          this.lines += 2;
          return command(words, line, cmdLine);
        });
        crashPoint(`ip ${words.join(' ')}`);
      }
    });
  }
}
