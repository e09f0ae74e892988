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
import { VnmError } from '../../../shared/rpc/errors';
import { ChildSession, TIMEOUT_MS, type Exchange } from '../child-session';
import { CHILD_ENV } from '../exec';

/** One transaction, then marker `id`; the answer is all nft said before echoing the marker. */
function transaction(statements: readonly string[], id: string): Exchange<string> {
  // nft echoes the marker under an Error: line and above its carets.
  const marker = new RegExp(`(?:^|\\n)(Error:[^\\n]*\\n)?${id}\\n *\\^+\\n`);
  return {
    input: `${statements.join('; ')}\n${id}\n`,
    answer(stderr) {
      const found = marker.exec(stderr);
      return found ? { end: found.index + found[0].length, value: stderr.slice(0, found.index) } : null;
    },
    exited: (stderr) => new VnmError('operation-failed', `nft exited: ${stderr.trim() || 'no reason given'}`),
    timedOut: new VnmError('operation-failed', `nft did not answer within ${TIMEOUT_MS} ms`),
  };
}

/** One vnmd's long-lived `nft -i`: each driver owns one (DriverContext.firewall). */
export class NftSession {
  private markers = 0;
  private readonly session = new ChildSession({
    cmd: 'nft',
    args: ['-i'],
    env: { ...CHILD_ENV, HOME: '/dev/null' },
  });

  /** Runs the statements as one transaction; resolves with nft's stderr (empty when it agreed). */
  private run(statements: readonly string[]): Promise<string> {
    return this.session.queue(() => {
      for (const s of statements) {
        if (/[\n\r]/.test(s)) throw new VnmError('internal', 'An nft statement holds a line break.');
      }
      return this.session.exchange(() => transaction(statements, `vnm_sync_${++this.markers}`));
    });
  }

  /**
   * Runs the statements as one transaction. Throws nft's error (a VnmError whose details
   * hold all nft said) when it refused them; nothing then changed.
   */
  async transaction(statements: readonly string[]): Promise<void> {
    const said = await this.run(statements);
    if (!/(^|\n)Error:/.test(said)) return;
    const first = said.split('\n').find((l) => l.startsWith('Error:')) ?? said;
    throw new VnmError('operation-failed', `nft failed: ${first.trim()}`, said);
  }
}
