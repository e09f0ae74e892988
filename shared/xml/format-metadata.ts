/**
 * Writes <metadata> as libvirt does (libxml2's xmlNodeDump with formatting): blank text
 * dropped, one element per line indented by 2, double-quoted attributes.
 */
import { XmlSyntaxError, parseXmlDocument } from './safe-parse';
import type { XmlElement, XmlNode } from './safe-parse';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A double-quoted attribute value as libxml2 writes it inside <metadata>. */
export function escapeMetadataAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function openTag(el: XmlElement): string {
  return el.name + el.attributes.map((a) => ` ${a.name}="${escapeMetadataAttr(a.value)}"`).join('');
}

/** The node on one line, as libxml2 writes it without formatting. */
export function inline(node: XmlNode): string {
  if (node.kind === 'text') return escapeText(node.text);
  if (node.children.length === 0) return `<${openTag(node)}/>`;
  return `<${openTag(node)}>${node.children.map(inline).join('')}</${node.name}>`;
}

function dump(el: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const meaningful = el.children.filter((c) => c.kind === 'element' || c.text.trim() !== '');
  const onlyElements = meaningful.length > 0 && meaningful.every((c) => c.kind === 'element');
  if (!onlyElements) {
    // Text (or mixed) content is written as it is, on one line, as libxml2 does.
    out.push(pad + inline({ ...el, children: meaningful }));
    return;
  }
  out.push(`${pad}<${openTag(el)}>`);
  for (const child of meaningful) dump(child, depth + 1, out);
  out.push(`${pad}</${el.name}>`);
}

/** The element as libxml2's formatted dump writes it (one element per line, indent 2). */
export function elementLines(el: XmlElement): string[] {
  const out: string[] = [];
  dump(el, 0, out);
  return out;
}

/** Lines of the <metadata> element, without the writer's indent. */
export function metadataLines(inner: string): string[] {
  let root: XmlElement;
  try {
    root = parseXmlDocument(`<metadata>${inner}</metadata>`);
  } catch (err) {
    // Not re-parseable (hand-built model): keep the caller's text verbatim.
    if (err instanceof XmlSyntaxError) return [`<metadata>${inner}</metadata>`];
    throw err;
  }
  const out: string[] = [];
  dump(root, 0, out);
  return out;
}
