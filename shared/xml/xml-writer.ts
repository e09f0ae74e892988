/** A tiny line writer producing libvirt's XML style: 2-space indent, single-quoted attributes. */

/** Escapes text and attribute values as libvirt's virBufferEscapeString does. */
export function escapeXml(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&apos;';
        break;
      default: {
        // Control characters other than tab/newline/CR cannot appear in XML: libvirt drops them.
        const code = ch.charCodeAt(0);
        if (code >= 0x20 || ch === '\n' || ch === '\t' || ch === '\r') out += ch;
      }
    }
  }
  return out;
}

/**
 * Escapes an attribute value so that it reads back unchanged: a parser turns a raw tab,
 * newline or CR in an attribute into a blank (XML 1.0 section 3.3.3), so they are written as
 * character references. Issue #20 item 8: <txt name='a&#10;b'> was stored with a raw newline,
 * read back as 'a b', then refused, and the network vanished from net-list.
 */
export function escapeXmlAttribute(value: string): string {
  return escapeXml(value).replace(/[\n\t\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export type AttrList = readonly (readonly [string, string | number | undefined])[];

/** ` a='1' b='2'` for the defined entries, in the given order. */
export function attrs(list: AttrList): string {
  return list
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}='${escapeXmlAttribute(String(value))}'`)
    .join('');
}

export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  /** A raw line at the current indent. */
  line(text: string): void {
    this.lines.push('  '.repeat(this.depth) + text);
  }

  /** `<name attrs/>` */
  empty(name: string, list: AttrList = []): void {
    this.line(`<${name}${attrs(list)}/>`);
  }

  /** `<name>text</name>` (text escaped). */
  text(name: string, value: string): void {
    this.line(`<${name}>${escapeXml(value)}</${name}>`);
  }

  /** `<name attrs>` ... `</name>` around what `body` writes. */
  block(name: string, list: AttrList, body: () => void): void {
    this.line(`<${name}${attrs(list)}>`);
    this.depth++;
    body();
    this.depth--;
    this.line(`</${name}>`);
  }

  /** Already-indented lines (their own indent is added to the current one). */
  raw(lines: readonly string[]): void {
    for (const l of lines) this.line(l);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}
