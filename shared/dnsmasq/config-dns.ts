/**
 * The DNS parts of dnsmasq's configuration (libvirt 9.0): the listening port and upstream
 * forwarders near the top of the file, TXT and SRV records after the interface lines.
 */
import type { DnsSrv, NetworkDef } from '../model/network';
import { formatIp, parseIpAsLibvirt } from '../net/ip';

/** 'head': port=0 or server= lines; 'records': txt-record= and srv-host= lines. */
export function dnsLines(def: NetworkDef, wantDns: boolean, part: 'head' | 'records'): string[] {
  if (part === 'head') return wantDns ? forwarderLines(def) : ['port=0'];
  if (!wantDns) return [];
  const txts = (def.dns?.txts ?? []).map((txt) => `txt-record=${txt.name},${txt.value}`);
  const srvs = (def.dns?.srvs ?? []).map(srvLine);
  return [...txts, ...srvs];
}

/**
 * One server= line per forwarder: `/domain/` limits it to a domain, `#` means "answer
 * locally, never forward". A forwarder with an address and no domain replaces the host's
 * resolv.conf entirely, hence no-resolv.
 */
function forwarderLines(def: NetworkDef): string[] {
  const lines: string[] = [];
  let noResolv = false;
  for (const fwd of def.dns?.forwarders ?? []) {
    const domain = fwd.domain !== undefined ? `/${fwd.domain}/` : '';
    const addr = parseIpAsLibvirt(fwd.addr);
    // dnsmasq's server=ADDR#PORT sends queries to another port than 53.
    const port = addr && fwd.port !== undefined ? `#${fwd.port}` : '';
    lines.push(`server=${domain}${addr ? formatIp(addr) : '#'}${port}`);
    if (addr && fwd.domain === undefined) noResolv = true;
  }
  if (noResolv) lines.push('no-resolv');
  return lines;
}

/**
 * srv-host=_service._proto[.domain][,target[,port[,priority[,weight]]]]. A target of "."
 * means the service is not offered (RFC 2782), so nothing follows it. Fields are
 * positional: a missing port before a later field becomes dnsmasq's default 1, a missing
 * priority 0. As in libvirt, 0 counts as "not given".
 */
function srvLine(srv: DnsSrv): string {
  let line = `srv-host=_${srv.service}._${srv.protocol}`;
  if (srv.domain !== undefined) line += `.${srv.domain}`;
  if (srv.target === undefined || srv.target === '' || srv.target === '.') return line;
  line += `,${srv.target}`;
  const port = srv.port ?? 0;
  const priority = srv.priority ?? 0;
  const weight = srv.weight ?? 0;
  if (port || priority || weight) line += `,${port || 1}`;
  if (priority || weight) line += `,${priority}`;
  if (weight) line += `,${weight}`;
  return line;
}
