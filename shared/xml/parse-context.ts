/**
 * Shared state of one parse: the errors found so far and small typed readers for
 * attribute values that turn a bad value into an error naming the element.
 */
import type { YesNo } from '../model/network';
import type { XmlElement } from './safe-parse';
import { attr } from './safe-parse';

/** One problem found while reading network XML. */
export interface ParseError {
  /** The element concerned, as a path from the root: 'network/ip/dhcp/range'. */
  readonly element: string;
  /** One sentence: what is wrong (and, where useful, what to do). */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export class ParseContext {
  readonly errors: ParseError[] = [];
  /** The network's name once known, for messages that quote it as libvirt does. */
  networkName = '';

  error(el: XmlElement | undefined, path: string, message: string): undefined {
    this.errors.push(
      el ? { element: path, message, line: el.line, column: el.column } : { element: path, message },
    );
    return undefined;
  }

  /**
   * An unsigned decimal integer attribute (libvirt's virStrToLong_ui: digits only).
   * Absent gives undefined; a bad value records `message` (or a generic one).
   */
  uint(el: XmlElement, path: string, name: string, message?: string): number | undefined {
    const raw = attr(el, name);
    if (raw === undefined) return undefined;
    const value = parseUnsigned(raw, 10);
    if (value === undefined) {
      return this.error(
        el,
        path,
        message ??
          `Invalid value for attribute '${name}' in element '${el.name}': '${raw}'. Expected a non-negative integer.`,
      );
    }
    return value;
  }

  /** A yes/no attribute (libvirt's virTristateBool): anything else is an error. */
  yesNo(el: XmlElement, path: string, name: string, message?: string): YesNo | undefined {
    const raw = attr(el, name);
    if (raw === undefined) return undefined;
    if (raw === 'yes' || raw === 'no') return raw;
    return this.error(
      el,
      path,
      message ??
        `Invalid value for attribute '${name}' in element '${el.name}': '${raw}'. Use 'yes' or 'no'.`,
    );
  }

  /** An attribute that must be one of `allowed`. */
  oneOf<T extends string>(
    el: XmlElement,
    path: string,
    name: string,
    allowed: readonly T[],
    message?: string,
  ): T | undefined {
    const raw = attr(el, name);
    if (raw === undefined) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    return this.error(
      el,
      path,
      message ??
        `Invalid value for attribute '${name}' in element '${el.name}': '${raw}'. Use one of: ${allowed.join(', ')}.`,
    );
  }
}

/**
 * Parses an unsigned integer like strtoul with full-string check. Base 10 takes digits only;
 * base 0 also takes 0x hex and leading-0 octal (as libvirt's PCI address reader does).
 */
export function parseUnsigned(raw: string, base: 10 | 0): number | undefined {
  const text = raw.trimStart(); // strtoul skips leading blanks; trailing ones are an error
  let value: number;
  if (base === 10 || !/^0[0-7xX]/.test(text)) {
    if (!/^\d+$/.test(text)) return undefined;
    value = Number(text);
  } else if (/^0[xX][0-9a-fA-F]+$/.test(text)) {
    value = parseInt(text.slice(2), 16);
  } else if (/^0[0-7]+$/.test(text)) {
    value = parseInt(text, 8);
  } else {
    return undefined;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The object without its undefined-valued keys, so optional model fields stay absent. */
export function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
