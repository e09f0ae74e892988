/** What a verb gets to work with: a lazily opened connection, output streams, failures. */
import type { VnmClient } from '../client/client';
import { VnmError } from '../../shared/rpc/errors';
import type { ParsedArgs, VerbArgSpec } from './args';
import type { VerbDoc } from './help';

export interface VerbContext {
  client(): Promise<VnmClient>;
  /** What virsh prints with vshPrint: always. */
  out(text: string): void;
  /** What virsh prints with vshPrintExtra (messages, table headers): not under -q. */
  extra(text: string): void;
  readonly quiet: boolean;
  err(text: string): void;
}

export interface Verb {
  readonly name: string;
  readonly summary: string;
  readonly args: VerbArgSpec;
  /** What `vnm VERB --help` prints, when the verb has no `doc`. */
  readonly help?: string;
  /** The verb's options and words for its help in virsh's layout (help.ts). */
  readonly doc?: VerbDoc;
  /**
   * True when the output must end as the verb left it, without virsh's closing blank line:
   * a stream of JSON lines, where a blank line is not an object.
   */
  readonly rawOutput?: (args: ParsedArgs) => boolean;
  run(ctx: VerbContext, args: ParsedArgs): Promise<void>;
}

/** A failure printed as virsh does: one `error: ...` line per entry, exit status 1 (or exitCode). */
export class CliFailure extends Error {
  constructor(
    readonly lines: readonly string[],
    readonly exitCode = 1,
  ) {
    super(lines.join('\n'));
  }
}

/**
 * Runs fn; on failure prints virsh's context line first ("Failed to start network X"), or
 * "failed to get network 'X'" when the network does not exist, then the reason.
 */
export async function withContext<T>(context: string, ref: string | null, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (
      err instanceof VnmError &&
      err.kind === 'not-found' &&
      ref !== null &&
      err.message.startsWith('Network not found')
    ) {
      throw new CliFailure([`failed to get network '${ref}'`, err.message]);
    }
    if (err instanceof VnmError && err.kind === 'connection') throw new CliFailure([err.message]);
    if (err instanceof CliFailure) throw err;
    throw new CliFailure([context, err instanceof Error ? err.message : String(err)]);
  }
}

export const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function arg(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (v === undefined) throw new CliFailure([`missing <${name}>`]);
  return v;
}
