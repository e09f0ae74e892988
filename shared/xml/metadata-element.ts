/**
 * One application's element inside <metadata>, found by its namespace URI, as libvirt's
 * virNetworkGetMetadata / virNetworkSetMetadata (VIR_NETWORK_METADATA_ELEMENT) handle it:
 * - get: the first child in that namespace, with that namespace's prefix and declaration
 *   taken off (so an application reads back what it wrote);
 * - set: the user's element, every element of it without a namespace put in `key:` bound to
 *   the URI, replacing every child already in that namespace; null removes them.
 */
import { elementLines, inline } from './format-metadata';
import { XmlSyntaxError, parseXmlDocument } from './safe-parse';
import type { XmlAttribute, XmlElement, XmlNode } from './safe-parse';
import { localName, namespaceOf } from './xml-namespace';

/** A value libvirt would refuse (bad key, XML that is not well-formed). */
export class MetadataInputError extends Error {}

function metadataRoot(inner: string | undefined): XmlElement {
  return parseXmlDocument(`<metadata>${inner ?? ''}</metadata>`);
}

function childrenInNamespace(root: XmlElement, uri: string): XmlElement[] {
  return root.children.filter((c): c is XmlElement => c.kind === 'element' && namespaceOf(c, [root]) === uri);
}

const isNsDecl = (a: XmlAttribute) => a.name === 'xmlns' || a.name.startsWith('xmlns:');

/** libxml2 writes namespace declarations before the other attributes. */
function declsFirst(attributes: readonly XmlAttribute[]): XmlAttribute[] {
  return [...attributes.filter(isNsDecl), ...attributes.filter((a) => !isNsDecl(a))];
}

function mapElements(el: XmlElement, scope: readonly XmlElement[], f: MapFn): XmlElement {
  const children: XmlNode[] = el.children.map((c) =>
    c.kind === 'element' ? mapElements(c, [el, ...scope], f) : c,
  );
  return f({ ...el, children }, el, scope);
}
type MapFn = (mapped: XmlElement, original: XmlElement, scope: readonly XmlElement[]) => XmlElement;

/** The element of that namespace as libvirt returns it, or undefined when there is none. */
export function getMetadataElement(inner: string | undefined, uri: string): string | undefined {
  const root = metadataRoot(inner);
  const found = childrenInNamespace(root, uri)[0];
  if (!found) return undefined;
  const stripped = mapElements(found, [root], (mapped, original, scope) => {
    const mine = namespaceOf(original, scope) === uri;
    return {
      ...mapped,
      name: mine ? localName(original) : original.name,
      attributes: declsFirst(mapped.attributes.filter((a) => !(isNsDecl(a) && a.value === uri))),
    };
  });
  return elementLines(stripped).join('\n');
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The new inner XML of <metadata> after setting (or, with xml null, removing) the element of
 * namespace `uri`; undefined when <metadata> had nothing else and nothing is set.
 */
export function setMetadataElement(
  inner: string | undefined,
  uri: string,
  key: string | undefined,
  xml: string | null,
): string | undefined {
  let added = '';
  if (xml !== null) {
    if (key === undefined || !NCNAME.test(key))
      throw new MetadataInputError(
        `failed to validate prefix for a new XML namespace: '${key ?? ''}' is not an XML name (letters, digits, '_', '-', '.').`,
      );
    added = inline(injectNamespace(parseUserXml(xml), uri, key));
  }
  const root = metadataRoot(inner);
  const kept = root.children
    .filter((c) => !(c.kind === 'element' && namespaceOf(c, [root]) === uri))
    .map((c) => inline(c))
    .join('');
  const next = kept + added;
  if (next.trim() === '' && inner === undefined) return undefined;
  return next;
}

function parseUserXml(xml: string): XmlElement {
  try {
    return parseXmlDocument(xml);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    throw new MetadataInputError(
      `(metadata_xml):${err.line}: ${err.message}; give one well-formed XML element such as <app>…</app>.`,
    );
  }
}

function injectNamespace(el: XmlElement, uri: string, key: string): XmlElement {
  const injected = mapElements(el, [], (mapped, original, scope) =>
    namespaceOf(original, scope) === undefined ? { ...mapped, name: `${key}:${original.name}` } : mapped,
  );
  const attributes = declsFirst([...injected.attributes, { name: `xmlns:${key}`, value: uri }]);
  return { ...injected, attributes };
}
