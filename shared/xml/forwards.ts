/**
 * vnm's port forwards inside libvirt's <metadata>, in our own namespace:
 *
 *   <metadata>
 *     <vnm:forwards xmlns:vnm="https://vnm.example/xmlns/network/1.0">
 *       <vnm:forward protocol="tcp" hostPort="8080" guestAddress="192.168.122.10" guestPort="80"/>
 *     </vnm:forwards>
 *   </metadata>
 *
 * libvirt keeps <metadata> verbatim and ignores it, so the XML stays valid for libvirt. The
 * parser lifts the forwards out (the model's `forwards`) and leaves every other piece of
 * metadata as it was; the writer puts them back as the last child of <metadata>.
 */
import type { ForwardProtocol, PortForward } from '../model/port-forward';
import { FORWARD_PROTOCOLS, formatPortRange, parsePortRange } from '../model/port-forward';
import type { PortRange } from '../model/port-range';
import type { OvnSettings } from '../model/ovn';
import { ovnXml, readOvn } from './ovn-metadata';
import type { ParseContext } from './parse-context';
import { defined } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr } from './safe-parse';
import { localName, namespaceOf } from './xml-namespace';
import { escapeMetadataAttr } from './format-metadata';

export const VNM_XMLNS = 'https://vnm.example/xmlns/network/1.0';
const PATH = 'network/metadata/forwards/forward';

/** Source offsets of the whole element, open tag to close tag (no attribute value holds '<'). */
function outerRange(el: XmlElement, source: string): [number, number] {
  const start = source.lastIndexOf('<', el.innerStart - 1);
  const selfClosing = source.slice(el.innerStart - 2, el.innerStart) === '/>';
  const end = selfClosing ? el.innerStart : source.indexOf('>', el.innerEnd) + 1;
  return [start, end];
}

export interface MetadataParts {
  /** The other metadata's inner XML, verbatim; undefined when nothing else is there. */
  readonly metadata?: string;
  readonly forwards?: readonly PortForward[];
  readonly ovn?: OvnSettings;
}

/** Splits <metadata> into vnm's forwards, vnm's OVN settings and everything else. */
export function readMetadataParts(
  ctx: ParseContext,
  metadataEl: XmlElement | undefined,
  root: XmlElement,
  source: string,
): MetadataParts {
  if (!metadataEl) return {};
  const scope = [metadataEl, root];
  const mine = (name: string) =>
    metadataEl.children.find(
      (c): c is XmlElement =>
        c.kind === 'element' && localName(c) === name && namespaceOf(c, scope) === VNM_XMLNS,
    );
  const el = mine('forwards');
  const ovnEl = mine('ovn');
  // What is left once vnm's own elements are cut out, in source order.
  const cuts = [el, ovnEl]
    .filter((e): e is XmlElement => e !== undefined)
    .map((e) => outerRange(e, source))
    .sort((a, b) => a[0] - b[0]);
  let rest = '';
  let at = metadataEl.innerStart;
  for (const [start, end] of cuts) {
    rest += source.slice(at, start);
    at = end;
  }
  rest += source.slice(at, metadataEl.innerEnd);
  const forwards = (el?.children ?? [])
    .filter(
      (c): c is XmlElement =>
        c.kind === 'element' && localName(c) === 'forward' && namespaceOf(c, [el!, ...scope]) === VNM_XMLNS,
    )
    .flatMap((f) => readForward(ctx, f) ?? []);
  return defined<MetadataParts>({
    metadata: cuts.length === 0 ? rest : rest.trim() === '' ? undefined : rest,
    forwards: forwards.length > 0 ? forwards : undefined,
    ovn: ovnEl ? readOvn(ctx, ovnEl, scope, VNM_XMLNS) : undefined,
  });
}

function readRange(ctx: ParseContext, el: XmlElement, name: string): PortRange | undefined {
  const raw = attr(el, name);
  if (raw === undefined) return undefined;
  const range = parsePortRange(raw);
  if (!range) {
    return ctx.error(
      el,
      PATH,
      `Invalid ${name} '${raw}' in a port forward of network '${ctx.networkName}'; use a port such as 8080 or a range such as 8000-8010.`,
    );
  }
  return range;
}

function readForward(ctx: ParseContext, el: XmlElement): PortForward | undefined {
  const net = `network '${ctx.networkName}'`;
  const protocol = ctx.oneOf<ForwardProtocol>(
    el,
    PATH,
    'protocol',
    FORWARD_PROTOCOLS,
    `Invalid port forward protocol '${attr(el, 'protocol')}' in ${net}; use 'tcp', 'udp' or 'all'.`,
  );
  const hostPort = readRange(ctx, el, 'hostPort');
  const guestPort = readRange(ctx, el, 'guestPort');
  const guestAddress = attr(el, 'guestAddress');
  const missing = [
    attr(el, 'protocol') === undefined && 'protocol',
    attr(el, 'hostPort') === undefined && 'hostPort',
    guestAddress === undefined && 'guestAddress',
  ].filter((m): m is string => m !== false);
  if (missing.length > 0) {
    return ctx.error(
      el,
      PATH,
      `A port forward in ${net} lacks ${missing.join(', ')}; each <vnm:forward> needs protocol, hostPort and guestAddress.`,
    );
  }
  if (!protocol || !hostPort || guestAddress === undefined) return undefined;
  const hostAddress = attr(el, 'hostAddress');
  const description = attr(el, 'description');
  return defined<PortForward>({
    protocol,
    hostAddress: hostAddress === '' ? undefined : hostAddress,
    hostPort,
    guestAddress,
    // A missing guestPort means "the same ports as on the host".
    guestPort: guestPort ?? hostPort,
    description: description === '' ? undefined : description,
  });
}

/** The <vnm:forwards> element as inner XML of <metadata> (re-indented by the metadata writer). */
export function forwardsXml(forwards: readonly PortForward[]): string {
  const items = forwards.map((f) => {
    const attrs: [string, string | undefined][] = [
      ['protocol', f.protocol],
      ['hostAddress', f.hostAddress],
      ['hostPort', formatPortRange(f.hostPort)],
      ['guestAddress', f.guestAddress],
      ['guestPort', formatPortRange(f.guestPort)],
      ['description', f.description],
    ];
    const text = attrs
      .filter((a): a is [string, string] => a[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeMetadataAttr(v)}"`)
      .join('');
    return `<vnm:forward${text}/>`;
  });
  return `<vnm:forwards xmlns:vnm="${VNM_XMLNS}">${items.join('')}</vnm:forwards>`;
}

/** The inner XML of <metadata> for a definition, or undefined when it has none. */
export function metadataInner(def: {
  readonly metadata?: string;
  readonly forwards?: readonly PortForward[];
  readonly ovn?: OvnSettings;
}): string | undefined {
  const forwards = def.forwards && def.forwards.length > 0 ? forwardsXml(def.forwards) : '';
  const ovn = def.ovn ? ovnXml(def.ovn, VNM_XMLNS) : '';
  if (forwards === '' && ovn === '') return def.metadata;
  return (def.metadata ?? '') + ovn + forwards;
}
