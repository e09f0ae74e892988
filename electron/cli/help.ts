/**
 * A verb's own help in virsh's layout (vshCmddefHelp): NAME, SYNOPSIS, DESCRIPTION and
 * OPTIONS, each option shown as virsh shows its type. `vnm help VERB` and `vnm VERB --help`
 * print it.
 */
import type { VerbArgSpec } from './args';

/**
 * An option as virsh types it: 'data' a required argument that may also be given by name,
 * 'bool' a flag, 'string'/'number' an option taking a value.
 */
export interface OptionDoc {
  readonly name: string;
  readonly type: 'data' | 'bool' | 'string' | 'number';
  readonly help: string;
}

export interface VerbDoc {
  /** The one line after the verb's name in NAME. */
  readonly help: string;
  /** DESCRIPTION; virsh leaves the section out when it is empty. */
  readonly desc: string;
  readonly options: readonly OptionDoc[];
}

function synopsisOf(o: OptionDoc): string {
  switch (o.type) {
    case 'data':
      return `<${o.name}>`;
    case 'bool':
      return `[--${o.name}]`;
    case 'string':
      return `[--${o.name} <string>]`;
    case 'number':
      return `[--${o.name} <number>]`;
  }
}

function optionOf(o: OptionDoc): string {
  switch (o.type) {
    case 'data':
      return `[--${o.name}] <string>`;
    case 'bool':
      return `--${o.name}`;
    case 'string':
      return `--${o.name} <string>`;
    case 'number':
      return `--${o.name} <number>`;
  }
}

export function formatVerbHelp(name: string, doc: VerbDoc): string {
  const lines = ['  NAME', `    ${name} - ${doc.help}`, '', '  SYNOPSIS'];
  lines.push(`    ${[name, ...doc.options.map(synopsisOf)].join(' ')}`);
  if (doc.desc) lines.push('', '  DESCRIPTION', `    ${doc.desc}`);
  if (doc.options.length > 0) {
    lines.push('', '  OPTIONS');
    for (const o of doc.options) lines.push(`    ${optionOf(o).padEnd(15)}  ${o.help}`.trimEnd());
  }
  return `${lines.join('\n')}\n\n`;
}

/** For a verb without its own words: the options its arguments take, under its summary. */
export function docFromArgs(summary: string, args: VerbArgSpec): VerbDoc {
  const positional = args.positionals.map((name, i): OptionDoc => ({
    name,
    type: i < args.required ? 'data' : 'string',
    help: '',
  }));
  const flags = (args.flags ?? []).map((name): OptionDoc => ({ name, type: 'bool', help: '' }));
  const options = (args.options ?? []).map((name): OptionDoc => ({ name, type: 'string', help: '' }));
  return { help: summary, desc: '', options: [...positional, ...options, ...flags] };
}
