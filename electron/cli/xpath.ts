/**
 * `net-dumpxml --xpath`: a small XPath subset of our own over the network XML, printed as
 * virsh prints libxml2's nodes (virshDumpXML). Supported:
 *   - absolute and relative location paths (`/network/ip`, `ip/dhcp`, relative to <network>
 *     as virsh's context node is), `//` anywhere (`//host`, `ip//range`), `.` and `..`;
 *   - element names, `*`, attributes `@name` and `@*`;
 *   - predicates `[n]`, `[last()]`, `[@a]` and `[@a='v']` (or "v"), several in a row.
 * Anything else (functions, unions, axes, comparisons of numbers) is refused with a message.
 */
import type { XmlElement } from '../../shared/xml';
import { parseXmlDocument } from '../../shared/xml';
import { CliFailure } from './context';

interface ElementNode {
  readonly kind: 'element';
  readonly el: XmlElement;
  readonly parent: ElementNode | null;
}
interface AttrNode {
  readonly kind: 'attr';
  readonly name: string;
  readonly value: string;
}
type Node = ElementNode | AttrNode;

type Predicate =
  | { readonly kind: 'index'; readonly n: number }
  | { readonly kind: 'last' }
  | { readonly kind: 'attr'; readonly name: string; readonly value?: string };

interface Step {
  /** '//' before this step: the step applies to every descendant-or-self of the context. */
  readonly deep: boolean;
  readonly test: string;
  readonly predicates: readonly Predicate[];
}

interface Path {
  readonly absolute: boolean;
  readonly steps: readonly Step[];
}

function unsupported(expr: string, why: string): CliFailure {
  return new CliFailure([
    `XPath expression '${expr}' is not in the subset vnm supports (${why}): use paths such as /network/ip/@address, //host[@name='a'] or ip[1]/dhcp`,
  ]);
}

const NAME = /^(?:\*|@\*|@?[A-Za-z_][\w.:-]*|\.\.?)/;
const PREDICATE = /^\[\s*(?:(\d+)|(last\(\))|@([A-Za-z_][\w.:-]*)(?:\s*=\s*(?:'([^']*)'|"([^"]*)"))?)\s*\]/;

export function parseXPath(expr: string): Path {
  let rest = expr.trim();
  if (rest === '') throw unsupported(expr, 'it is empty');
  const absolute = rest.startsWith('/');
  const steps: Step[] = [];
  let deep = false;
  if (rest.startsWith('//')) [deep, rest] = [true, rest.slice(2)];
  else if (absolute) rest = rest.slice(1);
  while (rest.length > 0) {
    const name = NAME.exec(rest);
    if (!name) throw unsupported(expr, `cannot read '${rest}'`);
    rest = rest.slice(name[0].length);
    const predicates: Predicate[] = [];
    for (let p = PREDICATE.exec(rest); p; p = PREDICATE.exec(rest)) {
      rest = rest.slice(p[0].length);
      if (p[1] !== undefined) predicates.push({ kind: 'index', n: Number(p[1]) });
      else if (p[2] !== undefined) predicates.push({ kind: 'last' });
      else predicates.push({ kind: 'attr', name: p[3]!, value: p[4] ?? p[5] });
    }
    steps.push({ deep, test: name[0], predicates });
    if (rest.startsWith('//')) [deep, rest] = [true, rest.slice(2)];
    else if (rest.startsWith('/')) [deep, rest] = [false, rest.slice(1)];
    else if (rest.length > 0) throw unsupported(expr, `cannot read '${rest}'`);
  }
  if (steps.length > 0 && expr.trim().endsWith('/')) throw unsupported(expr, 'it ends with /');
  if (deep && steps.length === 0) throw unsupported(expr, 'nothing follows //');
  return { absolute, steps };
}

function childElements(n: ElementNode): ElementNode[] {
  return n.el.children.flatMap((c) => (c.kind === 'element' ? [{ kind: 'element', el: c, parent: n }] : []));
}

function selfAndDescendants(n: ElementNode): ElementNode[] {
  return [n, ...childElements(n).flatMap(selfAndDescendants)];
}

function applyTest(n: ElementNode, test: string): Node[] {
  if (test === '.') return [n];
  if (test === '..') return n.parent && n.parent.el.name !== '' ? [n.parent] : [];
  if (test.startsWith('@')) {
    const attrs = n.el.attributes.filter((a) => test === '@*' || a.name === test.slice(1));
    return attrs.map((a) => ({ kind: 'attr', name: a.name, value: a.value }));
  }
  return childElements(n).filter((c) => test === '*' || c.el.name === test);
}

function applyPredicate(nodes: Node[], p: Predicate): Node[] {
  switch (p.kind) {
    case 'index':
      return nodes.slice(p.n - 1, p.n).filter(() => p.n >= 1);
    case 'last':
      return nodes.slice(-1);
    case 'attr':
      return nodes.filter(
        (n) =>
          n.kind === 'element' &&
          n.el.attributes.some((a) => a.name === p.name && (p.value === undefined || a.value === p.value)),
      );
  }
}

/** The nodes `expr` selects in document `xml`, in document order. */
export function selectNodes(xml: string, expr: string): Node[] {
  const path = parseXPath(expr);
  const root = parseXmlDocument(xml);
  // The document node: an element without a name whose only child is the root element.
  const doc: ElementNode = { kind: 'element', el: { ...root, name: '', children: [root] }, parent: null };
  const top = childElements(doc);
  if (path.steps.length === 0) return top; // '/': the whole document
  let context: Node[] = path.absolute ? [doc] : top;
  for (const step of path.steps) {
    const next: Node[] = [];
    for (const c of context) {
      if (c.kind !== 'element') continue;
      for (const base of step.deep ? selfAndDescendants(c) : [c]) {
        next.push(...step.predicates.reduce(applyPredicate, applyTest(base, step.test)));
      }
    }
    context = [...new Set(next)];
  }
  return dedupe(context);
}

/** The same element reached twice (through `//` and `..`) is printed once. */
function dedupe(nodes: Node[]): Node[] {
  const seen = new Set<XmlElement>();
  return nodes.filter((n) => {
    if (n.kind !== 'element') return true;
    if (seen.has(n.el)) return false;
    seen.add(n.el);
    return true;
  });
}

const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (t: string) =>
  escapeText(t).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/** An element as libxml2 formats it after reading without blanks: two spaces a level, "quotes". */
export function serializeElement(el: XmlElement, level = 0): string {
  const pad = '  '.repeat(level);
  const attrs = el.attributes.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('');
  const kids = el.children.filter((c) => c.kind === 'element' || c.text.trim() !== '');
  if (kids.length === 0) return `<${el.name}${attrs}/>`;
  if (kids.some((c) => c.kind === 'text')) {
    const inner = kids.map((c) => (c.kind === 'text' ? escapeText(c.text) : serializeElement(c, 0))).join('');
    return `<${el.name}${attrs}>${inner}</${el.name}>`;
  }
  const inner = kids.map((c) => `${pad}  ${serializeElement(c as XmlElement, level + 1)}\n`).join('');
  return `<${el.name}${attrs}>\n${inner}${pad}</${el.name}>`;
}

function serializeNode(n: Node): string {
  return n.kind === 'attr' ? ` ${n.name}="${escapeAttr(n.value)}"` : serializeElement(n.el);
}

/** What virsh prints for `--xpath EXPR [--wrap]`: each node on its line, or all in <nodes>. */
export function dumpXPath(xml: string, expr: string, wrap: boolean): string {
  const nodes = selectNodes(xml, expr);
  if (!wrap) return nodes.map((n) => `${serializeNode(n)}\n`).join('');
  const attrs = nodes.filter((n): n is AttrNode => n.kind === 'attr');
  const elements = nodes.filter((n): n is ElementNode => n.kind === 'element').map((n) => n.el);
  const wrapper: XmlElement = {
    ...parseXmlDocument('<nodes/>'),
    attributes: attrs.map((a) => ({ name: a.name, value: a.value })),
    children: elements,
  };
  return `${serializeElement(wrapper)}\n`;
}
