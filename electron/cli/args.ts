/**
 * Argument parsing in virsh's manner: a verb's arguments can be given in order
 * (`net-start default`) or by name (`net-start --network default`); flags are `--name`.
 */
export interface VerbArgSpec {
  /** Positional arguments in order; each may also be given as --NAME VALUE. */
  readonly positionals: readonly string[];
  /** How many leading positionals are required. */
  readonly required: number;
  readonly flags?: readonly string[];
  /** Options that take a value (besides the positionals). */
  readonly options?: readonly string[];
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
}

export class UsageError extends Error {}

export function parseVerbArgs(verb: string, spec: VerbArgSpec, argv: readonly string[]): ParsedArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const named = new Set([...spec.positionals, ...(spec.options ?? [])]);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      rest.push(arg);
      continue;
    }
    const [key, inline] = splitOption(arg.slice(2));
    if (spec.flags?.includes(key)) {
      if (inline !== undefined) throw new UsageError(`option --${key} of ${verb} takes no value`);
      flags.add(key);
    } else if (named.has(key)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`expected a value for option --${key} of ${verb}`);
      if (key in values) throw new UsageError(`option --${key} of ${verb} was given twice`);
      values[key] = value;
    } else {
      throw new UsageError(`command '${verb}' doesn't support option --${key}`);
    }
  }
  assignPositionals(verb, spec, values, rest);
  return { values, flags };
}

function splitOption(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

function assignPositionals(
  verb: string,
  spec: VerbArgSpec,
  values: Record<string, string>,
  rest: string[],
): void {
  const free = spec.positionals.filter((p) => !(p in values));
  if (rest.length > free.length) {
    throw new UsageError(`unexpected data '${rest[free.length]}'`);
  }
  rest.forEach((value, i) => (values[free[i]!] = value));
  for (const p of spec.positionals.slice(0, spec.required)) {
    if (!(p in values)) throw new UsageError(`command '${verb}' requires <${p}> option`);
  }
}

/** Splits global options (before the verb) from the verb and its arguments. */
export interface GlobalArgs {
  readonly connect?: string;
  readonly readOnly: boolean;
  readonly help: boolean;
  /** -q: virsh's quiet mode, without messages, table headers and the closing blank line. */
  readonly quiet: boolean;
  readonly version: boolean;
  readonly verb?: string;
  readonly verbArgs: readonly string[];
}

export function parseGlobalArgs(argv: readonly string[]): GlobalArgs {
  let connect: string | undefined;
  let readOnly = false;
  let help = false;
  let quiet = false;
  let version = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c' || arg === '--connect') {
      connect = argv[++i];
      if (connect === undefined)
        throw new UsageError(`option ${arg} requires a connection URI such as unix:/run/vnm/vnmd.sock`);
    } else if (arg.startsWith('--connect=')) connect = arg.slice('--connect='.length);
    else if (arg === '-r' || arg === '--readonly') readOnly = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-v' || arg === '--version') version = true;
    else if (arg.startsWith('-')) throw new UsageError(`unsupported option '${arg}'. See --help.`);
    else break;
  }
  const verb = argv[i];
  return { connect, readOnly, help, quiet, version, verb, verbArgs: argv.slice(i + 1) };
}
