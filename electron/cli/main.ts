/**
 * The `vnm` command: virsh's net-* verbs over vnmd's RPC, and `vnm daemon` to run vnmd.
 * Exit status 0 on success; 1 with `error: ...` lines on stderr otherwise, as virsh.
 */
import type { VnmClient } from '../client/client';
import { connectTarget } from '../client/connect';
import { resolveConnectTarget } from '../client/uri';
import { VERSION } from '../helper/version';
import { parseGlobalArgs, parseVerbArgs, UsageError } from './args';
import { CliFailure } from './context';
import { docFromArgs, formatVerbHelp } from './help';
import { ttyAskpass } from './tty-askpass';
import type { Verb, VerbContext } from './context';
import { daemonVerb } from './verbs/daemon';
import { descMetadataVerbs } from './verbs/desc-metadata';
import { demoVerb } from './verbs/demo';
import { diagnoseVerb } from './verbs/diagnose';
import { editVerbs } from './verbs/edit';
import { eventVerb } from './verbs/event';
import { forwardVerbs } from './verbs/forwards';
import { hostFindingsVerb } from './verbs/host-findings';
import { hostOvnVerb } from './verbs/host-ovn';
import { lifecycleVerbs } from './verbs/lifecycle';
import { netStatsVerb } from './verbs/net-stats';
import { portVerbs } from './verbs/ports';
import { proxyVerb } from './verbs/proxy';
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
  hostOvnVerb,
  proxyVerb,
  daemonVerb,
  demoVerb,
];

function usage(): string {
  const lines = VERBS.map((v) => `    ${v.name.padEnd(18)} ${v.summary}`);
  return [
    'Usage: vnm [-c URI] [-r] [-q] COMMAND [ARGS...]',
    '',
    '  options:',
    '    -c | --connect=URI  unix:/run/vnm/vnmd.sock (the default) or vnm+ssh://[user@]host[:port] (or $VNM_CONNECT)',
    '    -r | --readonly     use the read-only socket',
    '    -q | --quiet        quiet mode, as virsh -q: no messages, table headers or closing blank line',
    '    -h | --help         this help; vnm help COMMAND (or vnm COMMAND --help) for one command',
    '    -v | --version      program version',
    '',
    '  commands:',
    ...lines,
    '',
  ].join('\n');
}

function findVerb(name: string): Verb {
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) throw new UsageError(`unknown command: '${name}'`);
  return verb;
}

/** The verb's own help: virsh's layout from its doc, or the text it carries. */
function verbHelp(verb: Verb): string {
  return verb.help ?? formatVerbHelp(verb.name, verb.doc ?? docFromArgs(verb.summary, verb.args));
}

/** `vnm help [VERB]`: like virsh's help command, followed by its closing blank line. */
function helpCommand(args: readonly string[], quiet: boolean): number {
  const name = args[0];
  if (name === undefined) return print(usage());
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) throw new UsageError(`command or command group '${name}' doesn't exist`);
  const text = verbHelp(verb);
  return print(quiet ? text : `${text}\n`);
}

/**
 * Runs one command as virsh does. virsh ends every command it ran with a blank line on
 * stdout (vshPrintExtra, so not under -q), whether it succeeded or failed; a command line it
 * could not parse never ran and prints none.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let client: VnmClient | null = null;
  let closing = false;
  try {
    const g = parseGlobalArgs(argv);
    if (g.version) return print(`${VERSION}\n`);
    if (g.help || g.verb === undefined) return print(usage());
    if (g.verb === 'help') return helpCommand(g.verbArgs, g.quiet);
    const verb = findVerb(g.verb);
    const ownHelp = verb.args.flags?.includes('help') ?? false; // demo prints its own
    if (!ownHelp && (g.verbArgs.includes('--help') || g.verbArgs.includes('-h')))
      return helpCommand([verb.name], g.quiet);
    const args = parseVerbArgs(verb.name, verb.args, g.verbArgs);
    const local = verb === daemonVerb || verb === proxyVerb;
    const target = local ? null : resolveConnectTarget(g.connect, g.readOnly);
    const ctx: VerbContext = {
      client: async () =>
        (client ??= await connectTarget(target!, {
          askpass: target?.kind === 'ssh' ? await ttyAskpass() : undefined,
        })),
      out: (text) => process.stdout.write(text),
      extra: (text) => void (g.quiet || process.stdout.write(text)),
      quiet: g.quiet,
      err: (text) => process.stderr.write(text),
    };
    closing = !local && !g.quiet && !verb.rawOutput?.(args);
    await verb.run(ctx, args);
    if (closing) process.stdout.write('\n');
    return 0;
  } catch (err) {
    for (const line of errorLines(err)) process.stderr.write(`error: ${line}\n`);
    if (closing) process.stdout.write('\n');
    return err instanceof CliFailure ? err.exitCode : 1;
  } finally {
    const c = client as VnmClient | null;
    c?.close();
    // Over ssh, wait for ssh to exit, so that no orphan outlives the command.
    if (c) await Promise.race([c.whenStreamClosed(), new Promise((r) => setTimeout(r, 2000).unref())]);
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
