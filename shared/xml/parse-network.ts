/**
 * libvirt network XML -> NetworkDef. Reads what libvirt 9.0's parser reads, normalises what
 * it normalises (MAC case, address spelling, UUID form, forward dev/interface pool), and
 * drops unknown elements silently as libvirt does. Values the model keeps as strings
 * (addresses, MACs, names) are kept even when wrong, and shared/validation judges them;
 * what cannot be put in the model (a bad number, an unknown mode, a missing required
 * attribute) is a ParseError here.
 */
import type { Bridge, Domain, NetworkDef, YesNo } from '../model/network';
import { canonicalMac } from '../net/mac';
import { ParseContext, defined } from './parse-context';
import { canonicalUuid } from './uuid';
import type { ParseError } from './parse-context';
import { parseDns } from './parse-dns';
import { parseForward } from './parse-forward';
import { readMetadataParts } from './forwards';
import { readDnsmasqOptions } from './dnsmasq-options';
import { parseIp, parseRoute } from './parse-ip';
import { parseBandwidth, parsePortgroup, parseVirtualport, parseVlan } from './parse-port';
import { XmlSyntaxError, attr, childElements, firstChild, parseXmlDocument, textContent } from './safe-parse';
import type { XmlElement } from './safe-parse';

export type { ParseError } from './parse-context';

export type ParseNetworkResult =
  | { readonly ok: true; readonly def: NetworkDef }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

export function parseNetworkXml(text: string): ParseNetworkResult {
  let root: XmlElement;
  try {
    root = parseXmlDocument(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      return {
        ok: false,
        errors: [{ element: 'document', message: err.message, line: err.line, column: err.column }],
      };
    }
    throw err;
  }
  if (root.name !== 'network') {
    return {
      ok: false,
      errors: [
        {
          element: root.name,
          message: `expecting root element of 'network', not '${root.name}': a network definition starts with <network>.`,
          line: root.line,
          column: root.column,
        },
      ],
    };
  }
  const ctx = new ParseContext();
  const def = readNetwork(ctx, root, text);
  if (ctx.errors.length > 0 || !def) return { ok: false, errors: ctx.errors };
  return { ok: true, def };
}

function readNetwork(ctx: ParseContext, root: XmlElement, source: string): NetworkDef | undefined {
  const nameEl = firstChild(root, 'name');
  const name = nameEl ? textContent(nameEl) : '';
  ctx.networkName = name;
  if (name === '') {
    ctx.error(
      nameEl ?? root,
      'network/name',
      'missing name information: add <name>NAME</name> to the network.',
    );
  }
  const one = (n: string): XmlElement | undefined => firstChild(root, n);
  const forwardEl = one('forward');
  const forward = forwardEl ? parseForward(ctx, forwardEl) : undefined;
  const meta = readMetadataParts(ctx, one('metadata'), root, source);
  const def: NetworkDef = defined({
    name,
    uuid: readUuid(ctx, one('uuid')),
    ipv6: readIpv6(ctx, root),
    trustGuestRxFilters: ctx.yesNo(root, 'network', 'trustGuestRxFilters'),
    connections: readConnections(root),
    title: optionalText(one('title')),
    description: optionalText(one('description')),
    metadata: meta.metadata,
    forward,
    bridge: readBridge(ctx, one('bridge')),
    mtu: readMtu(ctx, one('mtu')),
    mac: readMac(one('mac')),
    domain: readDomain(ctx, one('domain')),
    dns: opt(one('dns'), (el) => parseDns(ctx, el)),
    vlan: opt(one('vlan'), (el) => parseVlan(ctx, el, 'network/vlan')),
    bandwidth: opt(one('bandwidth'), (el) => parseBandwidth(ctx, el, 'network/bandwidth')),
    ips: childElements(root, 'ip').map((el) => parseIp(ctx, el)),
    routes: childElements(root, 'route').flatMap((el) => parseRoute(ctx, el) ?? []),
    virtualport: opt(one('virtualport'), parseVirtualport),
    portgroups: childElements(root, 'portgroup').flatMap((el) => parsePortgroup(ctx, el) ?? []),
    portIsolated: opt(one('port'), (el) => ctx.yesNo(el, 'network/port', 'isolated')),
    forwards: meta.forwards,
    ovn: meta.ovn,
    dnsmasqOptions: readDnsmasqOptions(ctx, root),
  });
  return def;
}

function opt<T>(el: XmlElement | undefined, read: (el: XmlElement) => T | undefined): T | undefined {
  return el ? read(el) : undefined;
}

/** XPath string() of an element: absent or empty means "not given", as in libvirt. */
function optionalText(el: XmlElement | undefined): string | undefined {
  const text = el ? textContent(el) : '';
  return text === '' ? undefined : text;
}

function readUuid(ctx: ParseContext, el: XmlElement | undefined): string | undefined {
  const raw = optionalText(el);
  if (raw === undefined) return undefined;
  const uuid = canonicalUuid(raw);
  if (!uuid) {
    return ctx.error(
      el,
      'network/uuid',
      `malformed uuid element '${raw.trim()}': use the form 3e3fce45-4f53-4fa7-bb32-11f34168b82b, or leave <uuid> out to have one generated.`,
    );
  }
  return uuid;
}

function readIpv6(ctx: ParseContext, root: XmlElement): YesNo | undefined {
  return ctx.yesNo(
    root,
    'network',
    'ipv6',
    `Invalid ipv6 setting '${attr(root, 'ipv6')}' in network '${ctx.networkName}'; use 'yes' or 'no'.`,
  );
}

function readConnections(root: XmlElement): number | undefined {
  const raw = attr(root, 'connections');
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function readBridge(ctx: ParseContext, el: XmlElement | undefined): Bridge | undefined {
  if (!el) return undefined;
  const net = `network '${ctx.networkName}'`;
  const stp = attr(el, 'stp');
  return defined<Bridge>({
    name: attr(el, 'name') || undefined,
    // libvirt: anything but 'off' means on. The model spells on/off as yes/no.
    stp: stp === undefined ? undefined : stp === 'off' ? 'no' : 'yes',
    delay: ctx.uint(
      el,
      'network/bridge',
      'delay',
      `Invalid delay value in ${net}; delay is a whole number of seconds.`,
    ),
    macTableManager: ctx.oneOf(
      el,
      'network/bridge',
      'macTableManager',
      ['kernel', 'libvirt'] as const,
      `Invalid macTableManager setting '${attr(el, 'macTableManager')}' in ${net}; use 'kernel' or 'libvirt'.`,
    ),
    zone: attr(el, 'zone') || undefined,
  });
}

function readMtu(ctx: ParseContext, el: XmlElement | undefined): number | undefined {
  if (!el) return undefined;
  return ctx.uint(
    el,
    'network/mtu',
    'size',
    `Invalid mtu size '${attr(el, 'size')}' in network '${ctx.networkName}'; use a whole number of bytes such as 1500.`,
  );
}

function readMac(el: XmlElement | undefined): string | undefined {
  const address = el ? attr(el, 'address') : undefined;
  return address ? canonicalMac(address) : undefined;
}

function readDomain(ctx: ParseContext, el: XmlElement | undefined): Domain | undefined {
  const name = el ? attr(el, 'name') : undefined;
  if (!el || !name) return undefined; // libvirt drops <domain/> without a name
  const net = `network '${ctx.networkName}'`;
  return defined<Domain>({
    name,
    localOnly: ctx.yesNo(
      el,
      'network/domain',
      'localOnly',
      `Invalid domain localOnly setting '${attr(el, 'localOnly')}' in ${net}; use 'yes' or 'no'.`,
    ),
    register: ctx.yesNo(el, 'network/domain', 'register'),
  });
}
