/**
 * libvirt network port XML -> NetworkPortDef, reading what libvirt's virNetworkPortDefParseXML
 * reads, with its words for what is missing or malformed (and what to do about it).
 */
import type { PciAddress } from '../model/network';
import type { NetworkPortDef, PortPlug } from '../model/network-port';
import { PORT_PLUG_TYPES } from '../model/network-port';
import { canonicalMac, parseMac } from '../net/mac';
import { ParseContext, defined, parseUnsigned } from './parse-context';
import type { ParseError } from './parse-context';
import { parseBandwidth, parseVirtualport, parseVlan } from './parse-port';
import { XmlSyntaxError, attr, firstChild, parseXmlDocument, textContent } from './safe-parse';
import type { XmlElement } from './safe-parse';
import { canonicalUuid } from './uuid';

export type ParsePortResult =
  | { readonly ok: true; readonly def: NetworkPortDef }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

const ROOT = 'networkport';

export function parseNetworkPortXml(text: string): ParsePortResult {
  let root: XmlElement;
  try {
    root = parseXmlDocument(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    const error = { element: 'document', message: err.message, line: err.line, column: err.column };
    return { ok: false, errors: [error] };
  }
  const ctx = new ParseContext();
  if (root.name !== ROOT) {
    ctx.error(
      root,
      root.name,
      `expecting root element of '${ROOT}', not '${root.name}': a network port starts with <networkport>.`,
    );
    return { ok: false, errors: ctx.errors };
  }
  const def = readPort(ctx, root);
  if (ctx.errors.length > 0 || !def) return { ok: false, errors: ctx.errors };
  return { ok: true, def };
}

/** XPath string(): absent and empty are alike, as libvirt reads them. */
function text(el: XmlElement | undefined): string | undefined {
  const t = el ? textContent(el) : '';
  return t === '' ? undefined : t;
}

function readUuid(ctx: ParseContext, el: XmlElement | undefined, path: string, missing: string) {
  const raw = text(el);
  if (raw === undefined) return ctx.error(el, path, missing);
  return (
    canonicalUuid(raw) ??
    ctx.error(el, path, `Unable to parse UUID '${raw}'; write it as 8-4-4-4-12 hex digits.`)
  );
}

function readPort(ctx: ParseContext, root: XmlElement): NetworkPortDef | undefined {
  const one = (name: string) => firstChild(root, name);
  const owner = one('owner');
  const uuid = readUuid(
    ctx,
    one('uuid'),
    `${ROOT}/uuid`,
    'network port has no uuid: add <uuid>…</uuid> (uuidgen makes one).',
  );
  const ownerName = text(owner && firstChild(owner, 'name'));
  if (ownerName === undefined)
    ctx.error(
      owner ?? root,
      `${ROOT}/owner/name`,
      'network port has no owner name: add <owner><name>GUEST</name>…</owner>.',
    );
  const ownerUuid = readUuid(
    ctx,
    owner && firstChild(owner, 'uuid'),
    `${ROOT}/owner/uuid`,
    "network port has no owner UUID: add the guest's <uuid> inside <owner>.",
  );
  const mac = readMac(ctx, one('mac'));
  const bw = one('bandwidth');
  const vlan = one('vlan');
  const vp = one('virtualport');
  const portEl = one('port');
  const rx = one('rxfilters');
  const plug = readPlug(ctx, one('plug'));
  if (!uuid || ownerName === undefined || !ownerUuid || !mac) return undefined;
  return defined<NetworkPortDef>({
    uuid,
    ownerName,
    ownerUuid,
    group: text(one('group')),
    mac,
    virtualport: vp ? parseVirtualport(vp) : undefined,
    bandwidth: bw ? parseBandwidth(ctx, bw, `${ROOT}/bandwidth`) : undefined,
    classId: bw ? ctx.uint(bw, `${ROOT}/bandwidth`, 'classID') : undefined,
    vlan: vlan ? parseVlan(ctx, vlan, `${ROOT}/vlan`) : undefined,
    isolated: portEl ? ctx.yesNo(portEl, `${ROOT}/port`, 'isolated') : undefined,
    trustGuest: rx ? ctx.yesNo(rx, `${ROOT}/rxfilters`, 'trustGuest') : undefined,
    plug,
  });
}

function readMac(ctx: ParseContext, el: XmlElement | undefined): string | undefined {
  const raw = el ? attr(el, 'address') : undefined;
  if (raw === undefined)
    return ctx.error(el, `${ROOT}/mac`, "network port has no mac: add <mac address='52:54:00:…'/>.");
  if (!parseMac(raw))
    return ctx.error(
      el,
      `${ROOT}/mac`,
      `Unable to parse MAC '${raw}'; use six hex pairs such as 52:54:00:12:34:56.`,
    );
  return canonicalMac(raw);
}

function readPlug(ctx: ParseContext, el: XmlElement | undefined): PortPlug | undefined {
  if (!el) return undefined;
  const path = `${ROOT}/plug`;
  const type = ctx.oneOf(el, path, 'type', PORT_PLUG_TYPES);
  if (type === 'network' || type === 'bridge') {
    const bridge = attr(el, 'bridge');
    if (bridge === undefined)
      return ctx.error(el, path, "Missing network port bridge name: add bridge='NAME' to <plug>.");
    const mtm = attr(el, 'macTableManager');
    if (mtm !== undefined && mtm !== 'kernel' && mtm !== 'libvirt') {
      return ctx.error(
        el,
        path,
        `Invalid macTableManager setting '${mtm}' in network port; use 'kernel' or 'libvirt'.`,
      );
    }
    return defined<PortPlug>({ type, bridge, macTableManager: mtm });
  }
  if (type === 'direct') {
    const dev = attr(el, 'dev');
    if (dev === undefined)
      return ctx.error(el, path, "Missing network port link device name: add dev='NAME' to <plug>.");
    return defined({ type, dev, mode: attr(el, 'mode') });
  }
  if (type === 'hostdev-pci') {
    const address = readPciAddress(ctx, firstChild(el, 'address'));
    if (!address) return undefined;
    const driver = firstChild(el, 'driver');
    return defined({
      type,
      managed: ctx.yesNo(el, path, 'managed'),
      driver: driver ? attr(driver, 'name') : undefined,
      address,
    });
  }
  return undefined; // no type: libvirt's "none", the network fills it in
}

function readPciAddress(ctx: ParseContext, el: XmlElement | undefined): Omit<PciAddress, 'type'> | undefined {
  const path = `${ROOT}/plug/address`;
  if (!el)
    return ctx.error(
      el,
      path,
      'Missing network port PCI address: add <address domain=… bus=… slot=… function=…/>.',
    );
  const field = (name: string): number | undefined => {
    const raw = attr(el, name);
    const v = raw === undefined ? 0 : parseUnsigned(raw, 0);
    return (
      v ?? ctx.error(el, path, `Cannot parse <address> '${name}' attribute '${raw}' in the network port.`)
    );
  };
  const [domain, bus, slot, fn] = ['domain', 'bus', 'slot', 'function'].map(field);
  if (domain === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return { domain, bus, slot, function: fn };
}
