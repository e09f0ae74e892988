/** Reading the one element virsh net-update carries, for each section it can change. */
import type {
  DhcpHost,
  DhcpRange,
  DnsHost,
  DnsSrv,
  DnsTxt,
  Lease,
  LeaseUnit,
} from '../../../shared/model/network';
import { canonicalIpAsLibvirt } from '../../../shared/net/ip';
import { VnmError } from '../../../shared/rpc/errors';
import { attr, parseXmlDocument } from '../../../shared/xml/safe-parse';
import type { XmlElement } from '../../../shared/xml/safe-parse';

function invalid(message: string): VnmError {
  return new VnmError('invalid-argument', message);
}

export function parseFragment(xml: string, expected: string, section: string): XmlElement {
  let el: XmlElement;
  try {
    el = parseXmlDocument(xml);
  } catch (err) {
    throw invalid(
      `The XML for ${section} is not well-formed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (el.name !== expected) {
    throw invalid(`Wrong XML element for section ${section}: expected <${expected}>, got <${el.name}>.`);
  }
  return el;
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

function uint(el: XmlElement, name: string, what: string): number | undefined {
  const raw = attr(el, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw invalid(`Invalid ${name} '${raw}' in ${what}: use a whole number.`);
  return Number(raw);
}

function lease(el: XmlElement, what: string): Lease | undefined {
  const l = children(el, 'lease')[0];
  if (!l) return undefined;
  const expiry = uint(l, 'expiry', `<lease> of ${what}`);
  if (expiry === undefined) throw invalid(`The <lease> of ${what} needs an expiry attribute.`);
  const unit = attr(l, 'unit');
  if (unit !== undefined && !['seconds', 'minutes', 'hours'].includes(unit)) {
    throw invalid(`Invalid lease unit '${unit}' in ${what}: use seconds, minutes or hours.`);
  }
  return unit === undefined ? { expiry } : { expiry, unit: unit as LeaseUnit };
}

/** An address as libvirt's parser reads it (short IPv4 forms included), written canonically. */
function address(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : canonicalIpAsLibvirt(raw);
}

function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function parseDhcpHost(xml: string): DhcpHost {
  const el = parseFragment(xml, 'host', 'ip-dhcp-host');
  const mac = attr(el, 'mac')?.toLowerCase();
  if (mac !== undefined && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) {
    throw invalid(`Invalid MAC address '${mac}' in <host>: write it as 52:54:00:xx:xx:xx.`);
  }
  return defined({
    mac,
    id: attr(el, 'id'),
    name: attr(el, 'name'),
    ip: address(attr(el, 'ip')),
    lease: lease(el, '<host>'),
  });
}

export function parseDhcpRange(xml: string): DhcpRange {
  const el = parseFragment(xml, 'range', 'ip-dhcp-range');
  const start = attr(el, 'start');
  const end = attr(el, 'end');
  if (!start || !end) throw invalid('A <range> needs both start and end attributes.');
  return defined({ start: address(start)!, end: address(end)!, lease: lease(el, '<range>') });
}

export function parseDnsHost(xml: string): DnsHost {
  const el = parseFragment(xml, 'host', 'dns-host');
  const ip = attr(el, 'ip');
  const hostnames = children(el, 'hostname').map((h) =>
    h.children
      .map((c) => (c.kind === 'text' ? c.text : ''))
      .join('')
      .trim(),
  );
  if (!ip && hostnames.length === 0) throw invalid('A DNS <host> needs an ip attribute or a <hostname>.');
  return { ip: address(ip) ?? '', hostnames };
}

export function parseDnsTxt(xml: string): DnsTxt {
  const el = parseFragment(xml, 'txt', 'dns-txt');
  const name = attr(el, 'name');
  if (!name) throw invalid('A DNS <txt> record needs a name attribute.');
  return { name, value: attr(el, 'value') ?? '' };
}

export function parseDnsSrv(xml: string): DnsSrv {
  const el = parseFragment(xml, 'srv', 'dns-srv');
  const service = attr(el, 'service');
  const protocol = attr(el, 'protocol');
  if (!service || !protocol) throw invalid('A DNS <srv> record needs service and protocol attributes.');
  return defined({
    service,
    protocol,
    domain: attr(el, 'domain'),
    target: attr(el, 'target'),
    port: uint(el, 'port', '<srv>'),
    priority: uint(el, 'priority', '<srv>'),
    weight: uint(el, 'weight', '<srv>'),
  });
}
