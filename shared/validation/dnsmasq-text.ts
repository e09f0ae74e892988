/**
 * The syntax of each kind of value vnm hands to dnsmasq (see ../dnsmasq/conf-syntax.ts for why
 * each character matters): DNS names, file paths and TXT text. Pure checks returning one
 * sentence, so the window and vnmd refuse the same values with the same words.
 */
import { utf8Length } from '../xml/safe-parse';
import { CONTROL_CHAR, describeControlChar } from './names';

/** RFC 1035: 255 bytes on the wire, 253 as text; 63 per label. */
const MAX_DNS_NAME = 253;
const MAX_LABEL = 63;
/** Letters, digits, '-' and '_' (SRV and DKIM style names use '_'). */
const LABEL = /^[A-Za-z0-9_-]+$/;
/** A file name or path dnsmasq takes as it is: no blank, quote, comma or '#'. */
const PATH_CHARS = /^[A-Za-z0-9_./:@%+=~-]+$/;
export const MAX_PATH_BYTES = 255;
/** A TXT value stays well inside dnsmasq's 1,024-byte lines, with its name before it. */
export const MAX_TXT_BYTES = 700;
/** RFC 1035: one character-string of a TXT record carries at most 255 bytes. */
const MAX_TXT_STRING = 255;

function controlProblem(value: string): string | undefined {
  const ch = CONTROL_CHAR.exec(value)?.[0];
  return ch === undefined ? undefined : `it contains ${describeControlChar(ch)}`;
}

/**
 * Why `value` is not a DNS name dnsmasq can carry, or undefined. `wildcard` allows a '*' label
 * (dnsmasq's server=/*.example.com/); a single trailing dot is allowed.
 */
export function dnsNameProblem(value: string, wildcard = false): string | undefined {
  const control = controlProblem(value);
  if (control) return control;
  if (value === '') return 'it is empty';
  if (value.length > MAX_DNS_NAME)
    return `it is ${value.length} characters long; a DNS name has at most ${MAX_DNS_NAME}`;
  const labels = (value.endsWith('.') ? value.slice(0, -1) : value).split('.');
  for (const label of labels) {
    if (label === '') return 'it has an empty label (two dots in a row, or a dot at the start)';
    if (wildcard && label === '*') continue;
    if (label.length > MAX_LABEL)
      return `its label '${label.slice(0, 20)}…' is longer than ${MAX_LABEL} characters`;
    if (!LABEL.test(label)) {
      const bad = [...label].find((ch) => !LABEL.test(ch)) ?? '';
      return `it contains ${bad === ' ' ? 'a blank' : `'${bad}'`}; use letters, digits, '-', '_' and dots`;
    }
  }
  return undefined;
}

/** Why `value` is not a file name or path dnsmasq can carry (bootp file, tftp root), or undefined. */
export function dnsmasqPathProblem(value: string): string | undefined {
  const control = controlProblem(value);
  if (control) return control;
  if (value === '') return 'it is empty';
  if (utf8Length(value) > MAX_PATH_BYTES) return `it is longer than ${MAX_PATH_BYTES} bytes`;
  if (!PATH_CHARS.test(value)) {
    const bad = [...value].find((ch) => !PATH_CHARS.test(ch)) ?? '';
    return `it contains ${bad === ' ' ? 'a blank' : `'${bad}'`}; use letters, digits and . _ - / : @ % + = ~`;
  }
  return undefined;
}

/**
 * Why `value` is not TXT text dnsmasq can carry, or undefined: printable, no '"' (dnsmasq
 * takes it as a quote), no '#' after a blank (a comment), commas split it into strings of at
 * most 255 bytes each.
 */
export function txtValueProblem(value: string): string | undefined {
  const control = controlProblem(value);
  if (control) return control;
  if (value.includes('"')) return `it contains '"', which dnsmasq reads as a quote`;
  if (/(^|\s)#/.test(value))
    return "a '#' at the start or after a blank would start a comment in dnsmasq's file";
  const bytes = utf8Length(value);
  if (bytes > MAX_TXT_BYTES) return `it is ${bytes} bytes long; vnm allows at most ${MAX_TXT_BYTES}`;
  if (value.split(',').some((part) => utf8Length(part) > MAX_TXT_STRING)) {
    return `a part between commas is longer than ${MAX_TXT_STRING} bytes, the limit of one DNS TXT string`;
  }
  return undefined;
}

/** Why a bridge name cannot go into dnsmasq's interface= line, or undefined. */
export function bridgeForDnsmasqProblem(value: string): string | undefined {
  const control = controlProblem(value);
  if (control) return control;
  const bad = /["#,\s]/.exec(value)?.[0];
  return bad === undefined
    ? undefined
    : `it contains '${bad}', which dnsmasq's interface= option cannot carry`;
}
