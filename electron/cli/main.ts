/**
 * The `vnm` command: virsh's net-* verbs over vnmd's RPC, and `vnm daemon` to run vnmd.
 * Exit status 0 on success; 1 with `error: ...` lines on stderr otherwise, as virsh.
 */
import { connectVnmd } from '../client/client';
import type { VnmClient } from '../client/client';
import { resolveSocketPath } from '../client/uri';
import { VERSION } from '../helper/version';
import { parseGlobalArgs, parseVerbArgs, UsageError } from './args';
import { CliFailure } from './context';
import type { Verb, VerbContext } from './context';
import { daemonVerb } from './verbs/daemon';
import { descMetadataVerbs } from './verbs/desc-metadata';
import { demoVerb } from './verbs/demo';
import { diagnoseVerb } from './verbs/diagnose';
import { editVerbs } from './verbs/edit';
import { eventVerb } from './verbs/event';
import { forwardVerbs } from './verbs/forwards';
import { hostFindingsVerb } from './verbs/host-findings';
import { lifecycleVerbs } from './verbs/lifecycle';
import { netStatsVerb } from './verbs/net-stats';
import { portVerbs } from './verbs/ports';
import { showVerbs } from './verbs/show';

const VERBS: readonly Verb[] = [
  ...showVerbs,
  ...lifecycleVerbs,
  ...editVerbs,
  ...forwardVerbs,
  ...portVerbs,
  ...descMetadataVerbs,
  eventVerb,
  netStatsVerb,
  diagnoseVerb,
  hostFindingsVerb,
  daemonVerb,
  demoVerb,
];

function usage(): string {
  const lines = VERBS.map((v) => `    ${v.name.padEnd(18)} ${v.summary}`);
  return [
    'Usage: vnm [-c unix:SOCKET] [-r] COMMAND [ARGS...]',
    '',
    '  options:',
    '    -c | --connect=URI  vnmd socket, unix:/run/vnm/vnmd.sock by default (or $VNM_CONNECT)',
    '    -r | --readonly     use the read-only socket',
    '    -h | --help         this help',
    '    -v | --version      program version',
    '',
    '  commands:',
    ...lines,
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let client: VnmClient | null = null;
  try {
    const g = parseGlobalArgs(argv);
    if (g.version) return print(`${VERSION}\n`);
    if (g.help || g.verb === undefined || g.verb === 'help') return print(usage());
    const verb = VERBS.find((v) => v.name === g.verb);
    if (!verb) throw new UsageError(`unknown command: '${g.verb}'`);
    if (verb.help && (g.verbArgs.includes('--help') || g.verbArgs.includes('-h'))) return print(verb.help);
    const args = parseVerbArgs(verb.name, verb.args, g.verbArgs);
    const socketPath = verb === daemonVerb ? '' : resolveSocketPath(g.connect, g.readOnly);
    const ctx: VerbContext = {
      client: async () => (client ??= await connectVnmd(socketPath)),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    };
    await verb.run(ctx, args);
    if (verb !== daemonVerb && !verb.rawOutput?.(args)) process.stdout.write('\n');
    return 0;
  } catch (err) {
    for (const line of errorLines(err)) process.stderr.write(`error: ${line}\n`);
    return 1;
  } finally {
    (client as VnmClient | null)?.close();
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function errorLines(err: unknown): readonly string[] {
  if (err instanceof CliFailure) return err.lines;
  if (err instanceof Error) return [err.message];
  return [String(err)];
}

// Exit once stdout has drained, so piped output is never cut (the daemon verb returns at shutdown).
const code = await runCli(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
