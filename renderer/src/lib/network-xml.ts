/**
 * Reads the facts the Details sub-tab shows from a network's libvirt XML, and applies
 * its editable fields (domain, MTU) to the stored definition. DOM-based, so every part
 * of the XML the form does not know stays as it was.
 */
export interface DhcpHostFacts {
  readonly mac: string | null;
  readonly name: string | null;
  readonly ip: string | null;
}

export interface IpFacts {
  readonly family: 'ipv4' | 'ipv6';
  /** Address with prefix, e.g. 192.168.122.1/24. */
  readonly address: string;
  readonly dhcpRanges: readonly { readonly start: string; readonly end: string }[];
  readonly hosts: readonly DhcpHostFacts[];
}

export interface NetworkFacts {
  readonly domain: string | null;
  readonly mtu: number | null;
  readonly forwardMode: string;
  readonly forwardDev: string | null;
  readonly ips: readonly IpFacts[];
}

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`The network XML cannot be read: ${err.textContent ?? 'not well-formed'}`);
  return doc;
}

const children = (el: Element, tag: string) => Array.from(el.children).filter((c) => c.tagName === tag);

function maskPrefix(netmask: string): number {
  return netmask
    .split('.')
    .map((o) => Number(o).toString(2).split('1').length - 1)
    .reduce((a, b) => a + b, 0);
}

function ipFacts(ip: Element): IpFacts {
  const address = ip.getAttribute('address') ?? '';
  const family = ip.getAttribute('family') === 'ipv6' || address.includes(':') ? 'ipv6' : 'ipv4';
  const netmask = ip.getAttribute('netmask');
  const prefix = ip.getAttribute('prefix') ?? (netmask ? String(maskPrefix(netmask)) : null);
  const dhcp = children(ip, 'dhcp')[0];
  return {
    family,
    address: prefix ? `${address}/${prefix}` : address,
    dhcpRanges: dhcp
      ? children(dhcp, 'range').map((r) => ({
          start: r.getAttribute('start') ?? '',
          end: r.getAttribute('end') ?? '',
        }))
      : [],
    hosts: dhcp
      ? children(dhcp, 'host').map((h) => ({
          mac: h.getAttribute('mac'),
          name: h.getAttribute('name'),
          ip: h.getAttribute('ip'),
        }))
      : [],
  };
}

export function readNetworkXml(xml: string): NetworkFacts {
  const root = parse(xml).documentElement;
  const forward = children(root, 'forward')[0];
  const mtu = children(root, 'mtu')[0]?.getAttribute('size');
  return {
    domain: children(root, 'domain')[0]?.getAttribute('name') ?? null,
    mtu: mtu ? Number(mtu) : null,
    forwardMode: forward ? (forward.getAttribute('mode') ?? 'nat') : 'isolated',
    forwardDev: forward?.getAttribute('dev') ?? null,
    ips: children(root, 'ip').map(ipFacts),
  };
}

export interface EditableFields {
  readonly domain: string;
  readonly mtu: string;
}

/** Sets or removes <domain name> and <mtu size>; an empty value removes the element. */
export function editNetworkXml(xml: string, fields: EditableFields): string {
  const doc = parse(xml);
  const root = doc.documentElement;
  setSingle(doc, root, 'domain', 'name', fields.domain.trim());
  setSingle(doc, root, 'mtu', 'size', fields.mtu.trim());
  return new XMLSerializer().serializeToString(doc);
}

function setSingle(doc: Document, root: Element, tag: string, attr: string, value: string): void {
  const existing = children(root, tag)[0];
  if (!value) {
    existing?.remove();
    return;
  }
  if (existing) {
    existing.setAttribute(attr, value);
    return;
  }
  const el = doc.createElementNS(root.namespaceURI, tag);
  el.setAttribute(attr, value);
  const before = children(root, 'ip')[0] ?? null;
  root.insertBefore(el, before);
  root.insertBefore(doc.createTextNode('\n  '), before);
}
