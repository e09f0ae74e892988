/**
 * dnsmasq's file syntax, as dnsmasq 2.90 reads it, and the last check before vnm writes a
 * file dnsmasq will read: whatever the validation let through, no value can add an option,
 * start a comment or break a quote. Checked against the real dnsmasq (`dnsmasq --test -C`):
 * - the configuration and the dhcp-hostsfile are read line by line in 1,024-byte pieces
 *   (option.c one_file: fgets into MAXDNAME bytes), so a longer line spills its rest into a
 *   new option;
 * - outside quotes, a '#' at the start of a line or after a blank starts a comment;
 * - '"' opens a quote that must close on the same line ("missing \"" stops dnsmasq);
 *   inside one, \\ \" \t \n \r \e \b are escapes and blanks, commas and '#' are plain text;
 * - the addn-hosts file (cache.c read_hostsfile) splits on blanks, and '#' anywhere starts a
 *   comment; quotes mean nothing there.
 */
import { VnmError } from '../rpc/errors';
import { utf8Length } from '../xml/safe-parse';

/** A line of this many bytes or more could spill into the next option (one byte kept spare). */
export const MAX_LINE_BYTES = 1024;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- a tab separates names in addn-hosts
const CONTROL_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;
/**
 * Printable ASCII that dnsmasq reads as itself outside quotes in any option: all but the
 * blank, '"', '#', ',' and '\\' (libvirt's XML-escaped names, with '&' and ';', stay plain).
 */
const PLAIN_VALUE = /^[\x21\x24-\x2b\x2d-\x5b\x5d-\x7e]+$/;

export type DnsmasqFileKind = 'conf' | 'hostsfile' | 'addnhosts';

function controlProblem(line: string, pattern: RegExp): string | undefined {
  const ch = pattern.exec(line)?.[0];
  if (ch === undefined) return undefined;
  const code = ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
  return `it contains control character U+${code}`;
}

/**
 * A value dnsmasq reads back exactly (a path, say): as it is when it has only plain
 * characters, else in quotes with '\' and '"' escaped. A control character cannot be carried.
 */
export function quoteConfValue(value: string): string {
  const problem = controlProblem(value, CONTROL);
  if (problem) {
    throw new VnmError(
      'invalid-argument',
      `${JSON.stringify(value)} cannot be written for dnsmasq: ${problem}.`,
    );
  }
  if (PLAIN_VALUE.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** Why dnsmasq would not read `line` as one whole option line, or undefined. */
export function confLineProblem(line: string, allowComment: boolean): string | undefined {
  const control = controlProblem(line, CONTROL);
  if (control) return control;
  const bytes = utf8Length(line);
  if (bytes >= MAX_LINE_BYTES) {
    return `it is ${bytes} bytes long and dnsmasq reads lines in ${MAX_LINE_BYTES}-byte pieces`;
  }
  let blank = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      const close = closingQuote(line, i + 1);
      if (close === -1) return "it has a '\"' that is never closed";
      // dnsmasq judges the character after the closing quote by what came before the quote.
      i = close;
    } else if (ch === ' ') {
      blank = true;
    } else if (ch === '#' && blank) {
      return i === 0 && allowComment ? undefined : `a '#' at column ${i + 1} would start a comment`;
    } else {
      blank = false;
    }
  }
  return undefined;
}

/** The index of the '"' that closes a quote opened before `from`, or -1. */
function closingQuote(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\' && '"tnebr\\'.includes(line[i + 1] ?? '')) i++;
    else if (line[i] === '"') return i;
  }
  return -1;
}

/** Why dnsmasq would misread this addn-hosts line, or undefined. */
export function addnHostsLineProblem(line: string): string | undefined {
  const control = controlProblem(line, CONTROL_BUT_TAB);
  if (control) return control;
  if (line.includes('#')) return "a '#' would start a comment";
  const bytes = utf8Length(line);
  if (bytes >= MAX_LINE_BYTES)
    return `it is ${bytes} bytes long; vnm keeps lines under ${MAX_LINE_BYTES} bytes`;
  return undefined;
}

/**
 * Returns `text` when every line of it is one whole line of the given kind of file, else
 * throws naming the line and what is wrong with it: the writer's second line of defence.
 */
export function checkDnsmasqFile(text: string, kind: DnsmasqFileKind): string {
  if (text !== '' && !text.endsWith('\n')) {
    throw unsafe(kind, 0, text, 'the file does not end with a newline');
  }
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, i) => {
    const problem =
      kind === 'addnhosts' ? addnHostsLineProblem(line) : confLineProblem(line, kind === 'conf');
    if (problem) throw unsafe(kind, i + 1, line, problem);
  });
  return text;
}

function unsafe(kind: DnsmasqFileKind, lineNo: number, line: string, problem: string): VnmError {
  const option = /^[a-z-]+/.exec(line)?.[0];
  const where = lineNo > 0 ? ` line ${lineNo}${option ? ` (${option})` : ''}` : '';
  return new VnmError(
    'invalid-argument',
    `vnm refused to write dnsmasq's ${kind} file:${where} ${problem}; fix that value in the network definition.`,
  );
}
