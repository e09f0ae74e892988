/** A y/N question on the terminal, for verbs that change what another tool owns. */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/** True only for an answer of y or yes (any case); anything else, or end of input, is no. */
export async function confirm(
  question: string,
  input: Readable = process.stdin,
  output: Writable = process.stderr,
): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    output.write(`${question} [y/N] `);
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
