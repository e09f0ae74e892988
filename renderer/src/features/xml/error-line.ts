/**
 * Which line of the edited XML an error from vnmd is about. vnmd names a bad value (quoted)
 * and often the element (<uuid>) but not the line, so both are looked up in the text. A
 * quoted value can be a bystander: "network 'old' is already defined with uuid …; give this
 * network another <uuid>" quotes the other network's name, which may sit in <domain name='old'>;
 * the element the message names wins unless the value sits inside that element.
 */
import { lineOf } from './xml-errors';

/** Each line's open elements (outermost first), including the one a tag on it opens. */
export function elementsByLine(xml: string): string[][] {
  const lines = xml.split('\n');
  const stack: string[] = [];
  const out: string[][] = [];
  for (const line of lines) {
    const here = new Set(stack);
    for (const m of line.matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
      const [, closing, name = '', selfClosing] = m;
      if (closing) {
        const i = stack.lastIndexOf(name);
        if (i >= 0) stack.length = i;
        continue;
      }
      here.add(name);
      if (!selfClosing) stack.push(name);
    }
    // Unclosed tags spanning lines (attributes on the next line) count from the line they open on.
    out.push([...here]);
  }
  return out;
}

/** Elements a message names as <name>, <name attr=…> or <name/>, in order. */
export function namedElements(message: string): string[] {
  const names = [...message.matchAll(/<([A-Za-z_][\w.-]*)[\s/>']/g)].map((m) => m[1] ?? '');
  return [...new Set(names)];
}

/** 1-based lines where a quoted value of the message stands as a value (attribute or text). */
function quotedValueLines(lines: readonly string[], message: string): number[] {
  const found: number[] = [];
  for (const m of message.matchAll(/'([^']+)'/g)) {
    const value = m[1] ?? '';
    const i = lines.findIndex(
      (l) => l.includes(`'${value}'`) || l.includes(`"${value}"`) || l.includes(`>${value}<`),
    );
    if (i >= 0) found.push(i + 1);
  }
  return found;
}

/**
 * The line to mark for `message` (and vnmd's `details`) in `xml`, or null: a parser's position
 * first, then a quoted value inside an element the message names, then that element's first
 * line, then any quoted value.
 */
export function errorLine(xml: string, message: string, details = ''): number | null {
  const given = lineOf(message) ?? lineOf(details);
  if (given) return given;
  const lines = xml.split('\n');
  const open = elementsByLine(xml);
  const named = namedElements(message).filter((n) => open.some((els) => els.includes(n)));
  const values = quotedValueLines(lines, message);
  if (named.length === 0) return values[0] ?? null;
  const inside = values.find((line) => named.some((n) => open[line - 1]?.includes(n)));
  if (inside) return inside;
  const first = named[0] ?? '';
  const line = lines.findIndex((l) => new RegExp(`<${first}[\\s/>]`).test(l));
  return line >= 0 ? line + 1 : (values[0] ?? null);
}
