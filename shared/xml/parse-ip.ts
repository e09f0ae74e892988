/** Reads <ip> (with <tftp>, <dhcp> ranges, hosts, leases, bootp) and <route>. */
import type {
  Bootp,
  Dhcp,
  DhcpHost,
  DhcpRange,
  IpDef,
  IpFamily,
  Lease,
  LeaseUnit,
  RouteDef,
} from '../model/network';
import { canonicalIpAsLibvirt, ipFamilyOfText } from '../net/ip';
import type { ParseContext } from './parse-context';
import { defined } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr, childElements, firstChild } from './safe-parse';

const IP = 'network/ip';
export const LEASE_UNITS: readonly LeaseUnit[] = ['seconds', 'minutes', 'hours'];

function family(ctx: ParseContext, el: XmlElement, path: string, what: string): IpFamily | undefined {
  const raw = attr(el, 'family');
  if (raw === undefined || raw === 'ipv4' || raw === 'ipv6') return raw;
  return ctx.error(el, path, `Unrecognized family '${raw}' in ${what}; use 'ipv4' or 'ipv6'.`);
}

export function parseIp(ctx: ParseContext, el: XmlElement): IpDef {
  const net = `network '${ctx.networkName}'`;
  const address = attr(el, 'address');
  const netmask = attr(el, 'netmask');
  const prefix = ctx.uint(
    el,
    IP,
    'prefix',
    `Invalid ULong value specified for prefix in definition of ${net}.`,
  );
  const tftpEl = firstChild(el, 'tftp');
  const tftpRoot = tftpEl ? attr(tftpEl, 'root') : undefined;
  const dhcpEl = firstChild(el, 'dhcp');
  const isV4 = address !== undefined && ipFamilyOfText(address) !== 'ipv6';
  return defined<IpDef>({
    family: family(ctx, el, IP, net),
    address: address === undefined ? undefined : canonicalIpAsLibvirt(address),
    netmask: netmask === undefined ? undefined : canonicalIpAsLibvirt(netmask),
    prefix,
    localPtr: ctx.yesNo(el, IP, 'localPtr'),
    tftp: tftpRoot !== undefined ? { root: tftpRoot } : undefined,
    dhcp: dhcpEl ? parseDhcp(ctx, dhcpEl, isV4) : undefined,
  });
}

function parseDhcp(ctx: ParseContext, el: XmlElement, isV4: boolean): Dhcp {
  const ranges: DhcpRange[] = [];
  const hosts: DhcpHost[] = [];
  let bootp: Bootp | undefined;
  for (const child of childElements(el)) {
    if (child.name === 'range') {
      const range = parseRange(ctx, child);
      if (range) ranges.push(range);
    } else if (child.name === 'host') {
      hosts.push(parseHost(ctx, child));
    } else if (child.name === 'bootp' && isV4) {
      // libvirt ignores a <bootp> without file, and any <bootp> on IPv6.
      const file = attr(child, 'file');
      const server = attr(child, 'server');
      if (file !== undefined)
        bootp = defined<Bootp>({
          file,
          server: server === undefined ? undefined : canonicalIpAsLibvirt(server),
        });
    }
  }
  return bootp ? { ranges, hosts, bootp } : { ranges, hosts };
}

function parseRange(ctx: ParseContext, el: XmlElement): DhcpRange | undefined {
  const path = `${IP}/dhcp/range`;
  const start = attr(el, 'start');
  const end = attr(el, 'end');
  if (start === undefined || end === undefined) {
    const which = start === undefined ? 'start' : 'end';
    return ctx.error(
      el,
      path,
      `Missing '${which}' attribute in dhcp range for network '${ctx.networkName}'.`,
    );
  }
  const lease = parseLease(ctx, el, path);
  return defined<DhcpRange>({ start: canonicalIpAsLibvirt(start), end: canonicalIpAsLibvirt(end), lease });
}

function parseHost(ctx: ParseContext, el: XmlElement): DhcpHost {
  const path = `${IP}/dhcp/host`;
  const mac = attr(el, 'mac');
  const ip = attr(el, 'ip');
  // libvirt keeps (and writes back) a host's MAC exactly as written.
  return defined<DhcpHost>({
    mac,
    id: attr(el, 'id'),
    name: attr(el, 'name'),
    ip: ip === undefined ? undefined : canonicalIpAsLibvirt(ip),
    lease: parseLease(ctx, el, path),
  });
}

function parseLease(ctx: ParseContext, parent: XmlElement, parentPath: string): Lease | undefined {
  const el = firstChild(parent, 'lease');
  if (!el) return undefined;
  const path = `${parentPath}/lease`;
  const expiry = ctx.uint(el, path, 'expiry') ?? 0;
  const unit = ctx.oneOf(
    el,
    path,
    'unit',
    LEASE_UNITS,
    `Invalid value for attribute 'unit' in element 'lease': '${attr(el, 'unit')}'. Use seconds, minutes or hours.`,
  );
  return unit ? { expiry, unit } : { expiry };
}

export function parseRoute(ctx: ParseContext, el: XmlElement): RouteDef | undefined {
  const path = 'network/route';
  const name = ctx.networkName;
  const address = attr(el, 'address');
  const gateway = attr(el, 'gateway');
  if (address === undefined)
    return ctx.error(el, path, `${name}: Missing required address attribute in route definition.`);
  if (gateway === undefined)
    return ctx.error(el, path, `${name}: Missing required gateway attribute in route definition.`);
  const netmask = attr(el, 'netmask');
  return defined<RouteDef>({
    family: family(ctx, el, path, 'route definition'),
    address: canonicalIpAsLibvirt(address),
    netmask: netmask === undefined ? undefined : canonicalIpAsLibvirt(netmask),
    prefix: ctx.uint(el, path, 'prefix', `${name}: Invalid prefix specified in route definition.`),
    gateway: canonicalIpAsLibvirt(gateway),
    metric: ctx.uint(el, path, 'metric', `${name}: Invalid metric specified in route definition.`),
  });
}
