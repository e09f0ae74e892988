/** <dns> rules: forwarders, host, SRV and TXT records, and a disabled DNS with records. */
import type { Dns, DnsSrv } from '../model/network';
import { parseIp } from '../net/ip';
import type { Findings } from './issues';

const P = 'network/dns';
const SERVICE_CHARS = /^[A-Za-z0-9_\-+/*]*$/;
const PROTOCOL_CHARS = /^[A-Za-z0-9\-+/]*$/;
/** RFC 2782's 512-byte limit minus the record overhead, as libvirt. */
const MAX_SRV_SERVICE = 512 - 30;

export function validateDns(f: Findings, dns: Dns | undefined): void {
  if (!dns) return;
  const n = f.networkName;
  for (const fw of dns.forwarders) {
    if (fw.addr !== undefined && !parseIp(fw.addr)) {
      f.add(
        `${P}/forwarder`,
        `Invalid forwarder IP address '${fw.addr}' in network '${n}': use an IPv4 or IPv6 address.`,
      );
    }
    if (fw.port !== undefined && (fw.port < 1 || fw.port > 65535)) {
      f.add(
        `${P}/forwarder`,
        `Invalid forwarder port '${fw.port}' in network '${n}'; use a port from 1 to 65535.`,
      );
    } else if (fw.port !== undefined && fw.addr === undefined) {
      f.add(
        `${P}/forwarder`,
        `Forwarder port '${fw.port}' in network '${n}' has no addr: add addr='...' to say where to send queries, or drop the port.`,
      );
    }
    if (fw.addr === undefined && fw.domain === undefined) {
      f.add(`${P}/forwarder`, 'Invalid forwarder element, must contain at least one of addr or domain.');
    }
  }
  for (const h of dns.hosts) {
    if (!parseIp(h.ip)) f.add(`${P}/host`, `Invalid IP address '${h.ip}' in network '${n}' DNS HOST record.`);
    else if (h.hostnames.length === 0) {
      f.add(
        `${P}/host`,
        `Missing hostname in network '${n}' DNS HOST record: add <hostname>NAME</hostname> inside <host>.`,
      );
    }
  }
  for (const s of dns.srvs) validateSrv(f, s);
  for (const t of dns.txts) {
    if (/[ ,]/.test(t.name)) {
      f.add(
        `${P}/txt`,
        `prohibited character in DNS TXT record name '${t.name}' of network ${n}: names cannot contain spaces or commas.`,
      );
    }
  }
  const records = dns.forwarders.length + dns.hosts.length + dns.srvs.length + dns.txts.length;
  if (dns.enable === 'no' && records > 0) {
    f.add(
      P,
      `Extra data in disabled network '${n}': <dns enable='no'> cannot have forwarders or records; remove them or enable DNS.`,
    );
  }
}

function validateSrv(f: Findings, s: DnsSrv): void {
  const path = `${P}/srv`;
  const net = `network '${f.networkName}'`;
  if (s.service.length > MAX_SRV_SERVICE) {
    return f.add(
      path,
      `service attribute '${s.service}' in ${net} is too long, limit is ${MAX_SRV_SERVICE} bytes.`,
    );
  }
  if (!SERVICE_CHARS.test(s.service)) {
    return f.add(path, `invalid character in service attribute '${s.service}' in DNS SRV record of ${net}.`);
  }
  if (!PROTOCOL_CHARS.test(s.protocol)) {
    return f.add(
      path,
      `invalid character in protocol attribute '${s.protocol}' in DNS SRV record of ${net}.`,
    );
  }
  const checks = [
    ['port', s.port, 1],
    ['priority', s.priority, 0],
    ['weight', s.weight, 0],
  ] as const;
  for (const [name, value, min] of checks) {
    if (value === undefined) continue;
    if (s.target === undefined) {
      return f.add(
        path,
        `DNS SRV ${name} attribute not permitted without target for service '${s.service}' in ${net}.`,
      );
    }
    if (value < min || value > 65535) {
      return f.add(
        path,
        `invalid DNS SRV ${name} attribute for service '${s.service}' in ${net}: use ${min} to 65535.`,
      );
    }
  }
}
