/**
 * vnm's OVN settings inside libvirt's <metadata>, beside the port forwards (forwards.ts), in
 * the same namespace:
 *
 *   <vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat" switch="vnm-lab"
 *            subnet="10.20.0.0/24" gateway="10.20.0.1" mtu="1442">
 *     <vnm:dhcp start="10.20.0.100" end="10.20.0.199" leaseTime="3600" dns="10.20.0.1" domain="lab"/>
 *     <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.10/24" nexthop="198.51.100.1"/>
 *   </vnm:ovn>
 *
 * Values stay strings as written; shared/validation judges them.
 */
import type { OvnDhcp, OvnMode, OvnSettings, OvnUplink } from '../model/ovn';
import { OVN_MODES } from '../model/ovn';
import type { ParseContext } from './parse-context';
import { defined } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr } from './safe-parse';
import { localName, namespaceOf } from './xml-namespace';
import { escapeMetadataAttr } from './format-metadata';

const PATH = 'network/metadata/ovn';

function child(
  el: XmlElement,
  name: string,
  scope: readonly XmlElement[],
  uri: string,
): XmlElement | undefined {
  return el.children.find(
    (c): c is XmlElement => c.kind === 'element' && localName(c) === name && namespaceOf(c, scope) === uri,
  );
}

function required(ctx: ParseContext, el: XmlElement, path: string, name: string): string | undefined {
  const v = attr(el, name);
  if (v === undefined || v === '') {
    return ctx.error(
      el,
      path,
      `The OVN settings of network '${ctx.networkName}' lack ${name}= on <vnm:${localName(el)}>; add it.`,
    );
  }
  return v;
}

/** Reads <vnm:ovn>; `scope` is its ancestors (for namespace look-ups). */
export function readOvn(
  ctx: ParseContext,
  el: XmlElement,
  scope: readonly XmlElement[],
  uri: string,
): OvnSettings | undefined {
  const inner = [el, ...scope];
  const mode = ctx.oneOf<OvnMode>(
    el,
    PATH,
    'mode',
    OVN_MODES,
    `Invalid OVN mode '${attr(el, 'mode')}' in network '${ctx.networkName}'; use 'isolated', 'nat' or 'routed'.`,
  );
  const subnet = required(ctx, el, PATH, 'subnet');
  if (attr(el, 'mode') === undefined) required(ctx, el, PATH, 'mode');
  const mtu = ctx.uint(
    el,
    PATH,
    'mtu',
    `Invalid OVN mtu '${attr(el, 'mtu')}' in network '${ctx.networkName}'; use a whole number of bytes such as 1442.`,
  );
  const dhcpEl = child(el, 'dhcp', inner, uri);
  const uplinkEl = child(el, 'uplink', inner, uri);
  if (!mode || subnet === undefined) return undefined;
  return defined<OvnSettings>({
    mode,
    switchName: attr(el, 'switch') || undefined,
    subnet,
    gateway: attr(el, 'gateway') || undefined,
    mtu,
    dhcp: dhcpEl ? readDhcp(ctx, dhcpEl) : undefined,
    uplink: uplinkEl ? readUplink(ctx, uplinkEl) : undefined,
  });
}

function readDhcp(ctx: ParseContext, el: XmlElement): OvnDhcp | undefined {
  const path = `${PATH}/dhcp`;
  const start = required(ctx, el, path, 'start');
  const end = required(ctx, el, path, 'end');
  const leaseTime = ctx.uint(
    el,
    path,
    'leaseTime',
    `Invalid OVN DHCP leaseTime '${attr(el, 'leaseTime')}' in network '${ctx.networkName}'; use seconds, such as 3600.`,
  );
  if (start === undefined || end === undefined) return undefined;
  return defined<OvnDhcp>({
    start,
    end,
    leaseTime,
    dns: (attr(el, 'dns') ?? '').split(/\s+/).filter(Boolean),
    domain: attr(el, 'domain') || undefined,
  });
}

function readUplink(ctx: ParseContext, el: XmlElement): OvnUplink | undefined {
  const path = `${PATH}/uplink`;
  const chassis = required(ctx, el, path, 'chassis');
  const address = required(ctx, el, path, 'address');
  const nexthop = required(ctx, el, path, 'nexthop');
  if (chassis === undefined || address === undefined || nexthop === undefined) return undefined;
  return { chassis, physnet: attr(el, 'physnet') || 'physnet', address, nexthop };
}

function attrs(list: readonly (readonly [string, string | number | undefined])[]): string {
  return list
    .filter((a): a is readonly [string, string | number] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeMetadataAttr(String(v))}"`)
    .join('');
}

/** The <vnm:ovn> element as inner XML of <metadata>. */
export function ovnXml(ovn: OvnSettings, uri: string): string {
  const head = attrs([
    ['mode', ovn.mode],
    ['switch', ovn.switchName],
    ['subnet', ovn.subnet],
    ['gateway', ovn.gateway],
    ['mtu', ovn.mtu],
  ]);
  const d = ovn.dhcp;
  const dhcp = d
    ? `<vnm:dhcp${attrs([
        ['start', d.start],
        ['end', d.end],
        ['leaseTime', d.leaseTime],
        ['dns', d.dns.length > 0 ? d.dns.join(' ') : undefined],
        ['domain', d.domain],
      ])}/>`
    : '';
  const u = ovn.uplink;
  const uplink = u
    ? `<vnm:uplink${attrs([
        ['chassis', u.chassis],
        ['physnet', u.physnet],
        ['address', u.address],
        ['nexthop', u.nexthop],
      ])}/>`
    : '';
  const body = dhcp + uplink;
  return body === ''
    ? `<vnm:ovn xmlns:vnm="${uri}"${head}/>`
    : `<vnm:ovn xmlns:vnm="${uri}"${head}>${body}</vnm:ovn>`;
}
