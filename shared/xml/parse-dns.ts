/** Reads <dns> (enable, forwardPlainNames, forwarders, txt, host, srv records). */
import type { Dns, DnsForwarder, DnsHost, DnsSrv, DnsTxt } from '../model/network';
import { canonicalIpAsLibvirt } from '../net/ip';
import type { ParseContext } from './parse-context';
import { defined } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr, childElements, textContent } from './safe-parse';

const P = 'network/dns';

export function parseDns(ctx: ParseContext, el: XmlElement): Dns {
  const net = `network '${ctx.networkName}'`;
  const enable = ctx.yesNo(
    el,
    P,
    'enable',
    `Invalid dns enable setting '${attr(el, 'enable')}' in ${net}; use 'yes' or 'no'.`,
  );
  const forwardPlainNames = ctx.yesNo(
    el,
    P,
    'forwardPlainNames',
    `Invalid dns forwardPlainNames setting '${attr(el, 'forwardPlainNames')}' in ${net}; use 'yes' or 'no'.`,
  );
  const forwarders = childElements(el, 'forwarder').map((f) => parseForwarder(ctx, f));
  const hosts = childElements(el, 'host')
    .map((h) => parseHost(ctx, h))
    .filter((h): h is DnsHost => h !== undefined);
  const srvs = childElements(el, 'srv')
    .map((s) => parseSrv(ctx, s))
    .filter((s): s is DnsSrv => s !== undefined);
  const txts = childElements(el, 'txt')
    .map((t) => parseTxt(ctx, t))
    .filter((t): t is DnsTxt => t !== undefined);
  return defined<Dns>({ enable, forwardPlainNames, forwarders, txts, hosts, srvs });
}

function parseForwarder(ctx: ParseContext, el: XmlElement): DnsForwarder {
  const addr = attr(el, 'addr');
  // libvirt 9.0 drops port='N' (its schema refuses it); later libvirt keeps and applies it,
  // and so does vnm, so that a forwarder on another port is not silently sent to port 53.
  const port = ctx.uint(
    el,
    `${P}/forwarder`,
    'port',
    `Invalid forwarder port '${attr(el, 'port')}' in network '${ctx.networkName}'; use a port from 1 to 65535.`,
  );
  return defined<DnsForwarder>({
    addr: addr === undefined ? undefined : canonicalIpAsLibvirt(addr),
    domain: attr(el, 'domain'),
    port,
  });
}

function parseHost(ctx: ParseContext, el: XmlElement): DnsHost | undefined {
  const ip = attr(el, 'ip');
  if (ip === undefined) {
    return ctx.error(
      el,
      `${P}/host`,
      `Missing IP address in network '${ctx.networkName}' DNS HOST record; add ip='...'.`,
    );
  }
  // An empty <hostname/> is skipped, as libvirt does.
  const hostnames = childElements(el, 'hostname')
    .map((h) => textContent(h))
    .filter((n) => n !== '');
  return { ip: canonicalIpAsLibvirt(ip), hostnames };
}

function parseSrv(ctx: ParseContext, el: XmlElement): DnsSrv | undefined {
  const path = `${P}/srv`;
  const net = `network '${ctx.networkName}'`;
  const service = attr(el, 'service');
  if (service === undefined) {
    return ctx.error(el, path, `missing required service attribute in DNS SRV record of ${net}.`);
  }
  const protocol = attr(el, 'protocol');
  if (protocol === undefined) {
    return ctx.error(
      el,
      path,
      `missing required protocol attribute in DNS SRV record '${service}' of ${net}.`,
    );
  }
  const num = (name: 'port' | 'priority' | 'weight'): number | undefined =>
    ctx.uint(el, path, name, `invalid DNS SRV ${name} attribute for service '${service}' in ${net}.`);
  return defined<DnsSrv>({
    service,
    protocol,
    domain: attr(el, 'domain'),
    target: attr(el, 'target'),
    port: num('port'),
    priority: num('priority'),
    weight: num('weight'),
  });
}

function parseTxt(ctx: ParseContext, el: XmlElement): DnsTxt | undefined {
  const path = `${P}/txt`;
  const name = attr(el, 'name');
  if (name === undefined) {
    return ctx.error(
      el,
      path,
      `missing required name attribute in DNS TXT record of network ${ctx.networkName}.`,
    );
  }
  const value = attr(el, 'value');
  if (value === undefined) {
    return ctx.error(
      el,
      path,
      `missing required value attribute in DNS TXT record named '${name}' of network ${ctx.networkName}.`,
    );
  }
  return { name, value };
}
