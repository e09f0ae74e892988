/**
 * One long-lived `nft -i` per vnmd: a transaction costs a line on a pipe instead of a new
 * nft process (a fork of vnmd, then nft's start-up, together 50-100 ms on a busy host).
 *
 * nft -i runs each input line as one transaction, all of it or none, so a transaction's
 * statements go on one line, separated by `;`. How its outcome is known: the line is
 * followed by a marker line nft cannot parse. nft refuses it without touching the ruleset
 * and echoes it on stderr, under an `Error:` line and above a line of carets; whatever nft
 * wrote on stderr before that belongs to the transaction, which failed if it holds an
 * `Error:`. An nft that exits fails the transaction and is started again for the next one.
 * HOME points nowhere, so the interactive mode keeps no history file.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { VnmError } from '../../../shared/rpc/errors';
import { CHILD_ENV, spawnSession } from '../exec';

const TIMEOUT_MS = 20_000;

interface Waiter {
  readonly marker: RegExp;
  readonly timer: NodeJS.Timeout;
  resolve(stderr: string): void;
  reject(err: unknown): void;
}

class NftSession {
  private child: ChildProcessWithoutNullStreams | null = null;
  private stderr = '';
  private waiter: Waiter | null = null;
  private markers = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs the statements as one transaction; resolves with nft's stderr (empty when it agreed). */
  run(statements: readonly string[]): Promise<string> {
    const result = this.tail.then(() => this.one(statements));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private one(statements: readonly string[]): Promise<string> {
    for (const s of statements) {
      if (/[\n\r]/.test(s)) throw new VnmError('internal', 'An nft statement holds a line break.');
    }
    const child = this.ensure();
    const id = `vnm_sync_${++this.markers}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(new VnmError('operation-failed', `nft did not answer within ${TIMEOUT_MS} ms`));
        child.kill('SIGKILL');
      }, TIMEOUT_MS);
      // nft echoes the marker under an Error: line and above its carets.
      const marker = new RegExp(`(?:^|\\n)(Error:[^\\n]*\\n)?${id}\\n *\\^+\\n`);
      this.waiter = { marker, timer, resolve, reject };
      child.stdin.write(`${statements.join('; ')}\n${id}\n`);
    });
  }

  private ensure(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawnSession(
      'nft',
      ['-i'],
      { ...CHILD_ENV, HOME: '/dev/null' },
      (chunk) => this.onStderr(chunk),
      (c, err) => this.gone(c, err),
    );
    this.child = child;
    this.stderr = '';
    return child;
  }

  private onStderr(chunk: string): void {
    this.stderr += chunk;
    const w = this.waiter;
    const found = w ? w.marker.exec(this.stderr) : null;
    if (!found) return;
    const said = this.stderr.slice(0, found.index);
    this.stderr = this.stderr.slice(found.index + found[0].length);
    this.settle(null, said);
  }

  private settle(err: VnmError | null, stderr = ''): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve(stderr);
  }

  private gone(child: ChildProcessWithoutNullStreams, err: VnmError | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.settle(
      err ?? new VnmError('operation-failed', `nft exited: ${this.stderr.trim() || 'no reason given'}`),
    );
  }
}

const shared = new NftSession();

/**
 * Runs the statements as one transaction in vnmd's long-lived nft. Throws nft's error
 * (a VnmError whose details hold all nft said) when it refused them; nothing then changed.
 */
export async function nftTransaction(statements: readonly string[]): Promise<void> {
  const said = await shared.run(statements);
  if (!/(^|\n)Error:/.test(said)) return;
  const first = said.split('\n').find((l) => l.startsWith('Error:')) ?? said;
  throw new VnmError('operation-failed', `nft failed: ${first.trim()}`, said);
}
