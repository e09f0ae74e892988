/**
 * A small, hostile-input-safe XML reader: a minimal DOM (element name, attributes in
 * document order, children, text, line/column) built on saxes.
 *
 * Why our own limits: XML that reaches vnmd can come from any file a user imports. libxml2
 * (which libvirt uses) is protected by its own limits; saxes has none, so this module
 * refuses DOCTYPEs outright (no external entities, no entity-expansion bombs: saxes knows
 * only the five predefined entities and character references) and caps size, depth and
 * element/attribute counts before anything large is built.
 */
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';

export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  /** In document order. */
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  /** 1-based line, and 0-based column just after the open tag's name. */
  readonly line: number;
  readonly column: number;
  /** Source offsets of the element's content (between its open and close tag). */
  readonly innerStart: number;
  readonly innerEnd: number;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributesPerElement: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxElements: 10_000,
  maxAttributesPerElement: 64,
};

/** A document that is not well-formed XML, or that breaks one of the safety limits. */
export class XmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'XmlSyntaxError';
    this.line = line;
    this.column = column;
  }
}

interface MutableElement {
  kind: 'element';
  name: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  line: number;
  column: number;
  innerStart: number;
  innerEnd: number;
}

/** UTF-8 length without TextEncoder (shared/ has no DOM or Node typings). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function checkSize(text: string, limits: XmlLimits): void {
  // A string never has fewer UTF-8 bytes than UTF-16 units, so the cheap test comes first.
  if (text.length > limits.maxBytes || utf8Length(text) > limits.maxBytes) {
    throw new XmlSyntaxError(
      `XML document is larger than ${limits.maxBytes} bytes; network definitions are a few kilobytes, so this is refused.`,
      1,
      0,
    );
  }
}

/** Parses `text` into a DOM, or throws XmlSyntaxError saying what is wrong and where. */
export function parseXmlDocument(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  checkSize(text, limits);
  const builder = new DomBuilder(text, limits);
  return builder.run();
}

class DomBuilder {
  private readonly parser = new SaxesParser<{ position: true; xmlns: false }>({
    position: true,
    xmlns: false,
  });
  private readonly stack: MutableElement[] = [];
  private root: MutableElement | undefined;
  private elementCount = 0;
  private attributeCount = 0;
  private openLine = 1;
  private openColumn = 0;

  constructor(
    private readonly text: string,
    private readonly limits: XmlLimits,
  ) {}

  run(): XmlElement {
    const p = this.parser;
    p.on('doctype', () =>
      this.fail('DOCTYPE declarations are not allowed in a network definition (no DTDs or entities)'),
    );
    p.on('opentagstart', () => this.onOpenStart());
    p.on('attribute', () => this.onAttribute());
    p.on('opentag', (tag) => this.onOpen(tag));
    p.on('closetag', (tag) => this.onClose(tag));
    p.on('text', (t) => this.onText(t));
    p.on('cdata', (t) => this.onText(t));
    p.on('error', (err) => this.fail(cleanSaxesMessage(err.message)));
    p.write(this.text).close();
    if (!this.root) return this.fail('document has no root element');
    return this.root;
  }

  private fail(message: string): never {
    throw new XmlSyntaxError(
      `XML is not well-formed at line ${this.parser.line}, column ${this.parser.column + 1}: ${message}.`,
      this.parser.line,
      this.parser.column + 1,
    );
  }

  private onOpenStart(): void {
    this.elementCount++;
    this.attributeCount = 0;
    this.openLine = this.parser.line;
    this.openColumn = this.parser.column;
    if (this.elementCount > this.limits.maxElements) {
      this.fail(`more than ${this.limits.maxElements} elements`);
    }
    if (this.stack.length >= this.limits.maxDepth) {
      this.fail(`elements nested deeper than ${this.limits.maxDepth} levels`);
    }
  }

  private onAttribute(): void {
    this.attributeCount++;
    if (this.attributeCount > this.limits.maxAttributesPerElement) {
      this.fail(`more than ${this.limits.maxAttributesPerElement} attributes on one element`);
    }
  }

  private onOpen(tag: SaxesTagPlain): void {
    const el: MutableElement = {
      kind: 'element',
      name: tag.name,
      attributes: Object.entries(tag.attributes).map(([name, value]) => ({ name, value })),
      children: [],
      line: this.openLine,
      column: this.openColumn,
      innerStart: this.parser.position,
      innerEnd: this.parser.position,
    };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(el);
    else this.root = el;
    this.stack.push(el);
  }

  private onClose(tag: SaxesTagPlain): void {
    const el = this.stack.pop();
    if (!el) return;
    const end = this.parser.position;
    if (tag.isSelfClosing) return;
    const closeStart = this.text.lastIndexOf('</', end - 1);
    const closeName = /^<\/\s*([^\s>]+)/.exec(this.text.slice(closeStart, end))?.[1];
    // saxes silently closes unmatched inner tags before reporting; libxml2 names both tags.
    if (closeName !== undefined && closeName !== el.name) {
      this.fail(
        `opening and ending tag mismatch: <${el.name}> from line ${el.line} is closed by </${closeName}>`,
      );
    }
    el.innerEnd = closeStart;
  }

  private onText(text: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push({ kind: 'text', text });
  }
}

/** saxes prefixes "line:col: " and ends with a period; we add our own position. */
function cleanSaxesMessage(message: string): string {
  return message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
}

// ---- small DOM helpers used by the codec ----

export function attr(el: XmlElement, name: string): string | undefined {
  return el.attributes.find((a) => a.name === name)?.value;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => c.kind === 'element' && (name === undefined || c.name === name),
  );
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

/** Concatenated text of the element and its descendants, as XPath string() gives. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : textContent(c))).join('');
}
