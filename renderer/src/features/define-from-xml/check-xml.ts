/**
 * Checks imported network XML before it is sent, with the codec and validation vnmd's
 * define uses (so the messages are net-define's, in libvirt's words), and finds the line of
 * each problem: a parse error carries its own, a validation finding names its element.
 */
import { readNetworkDefinition } from '@shared/validation';
import type { XmlElement } from '@shared/xml';
import { parseNetworkXml, parseXmlDocument } from '@shared/xml';

export interface XmlFinding {
  readonly message: string;
  /** 1-based line, when known. */
  readonly line: number | null;
}

/** The line of the first element along a path such as 'network/ip/dhcp/range'. */
export function lineOfElement(xml: string, path: string): number | null {
  let el: XmlElement;
  try {
    el = parseXmlDocument(xml);
  } catch {
    return null;
  }
  const [root, ...rest] = path.split('/');
  if (root !== el.name) return null;
  for (const name of rest) {
    const child = el.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
    if (!child) break;
    el = child;
  }
  return el.line;
}

/** Every problem net-define would report, each with its line; empty when the XML is fine. */
export function checkNetworkXml(xml: string): XmlFinding[] {
  if (xml.trim() === '') return [{ message: 'Choose a file or paste network XML first.', line: null }];
  const parsed = parseNetworkXml(xml);
  if (!parsed.ok) return parsed.errors.map((e) => ({ message: e.message, line: e.line ?? null }));
  const read = readNetworkDefinition(xml);
  if (read.ok) return [];
  return read.errors.map((e) => ({ message: e.message, line: lineOfElement(xml, e.element) }));
}
