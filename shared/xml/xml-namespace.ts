/**
 * Namespaces by hand: the reader (safe-parse.ts) keeps prefixed names as written, and
 * libvirt matches namespaced elements by URI, whatever prefix a document binds to it.
 */
import type { XmlElement } from './safe-parse';
import { attr } from './safe-parse';

/** The element's namespace URI, from its prefix and the xmlns declarations in scope. */
export function namespaceOf(el: XmlElement, scope: readonly XmlElement[]): string | undefined {
  const colon = el.name.indexOf(':');
  const decl = colon < 0 ? 'xmlns' : `xmlns:${el.name.slice(0, colon)}`;
  for (const e of [el, ...scope]) {
    const uri = attr(e, decl);
    if (uri !== undefined) return uri;
  }
  return undefined;
}

export function localName(el: XmlElement): string {
  return el.name.slice(el.name.indexOf(':') + 1);
}
