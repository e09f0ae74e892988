/**
 * A fix as vnmd would run it: an argument array, never a shell string. The checklist shows it
 * as a line a person can paste; only vnmd's own arrays are ever run (on explicit request).
 */
export type Argv = readonly [string, ...string[]];

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a POSIX shell reads it back unchanged. */
export function shellQuote(arg: string): string {
  return PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The commands as one pasteable line, run in order and stopping at the first failure. */
export function shellLine(commands: readonly Argv[]): string {
  return commands.map((argv) => argv.map(shellQuote).join(' ')).join(' && ');
}
