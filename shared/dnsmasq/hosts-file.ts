/**
 * The two files dnsmasq rereads on SIGHUP, written as libvirt 9.0 writes them:
 * - the DHCP hosts file (dhcp-hostsfile=): one static lease per line;
 * - the additional hosts file (addn-hosts=): the <dns><host> names, one address per line.
 * Both are empty strings when there is nothing to put in them (libvirt still writes the
 * file, empty, so hosts can be added at run time).
 */
import type { DhcpHost, NetworkDef } from '../model/network';
import { formatIp, parseIpAsLibvirt } from '../net/ip';
import { formatLeaseTime, selectDhcpIps } from './dhcp';
import { checkDnsmasqFile } from './conf-syntax';

/** One dhcp-hostsfile line (libvirt's hostsfileAdd). */
export function dhcpHostLine(host: DhcpHost, ipv6: boolean): string | undefined {
  const addr = parseIpAsLibvirt(host.ip);
  if (!addr) return undefined;
  const ip = formatIp(addr);
  let line: string;
  if (ipv6) {
    // DHCPv6 matches clients by DUID or name, never by MAC.
    const who = [host.id !== undefined ? `id:${host.id}` : undefined, host.name]
      .filter((part) => part !== undefined)
      .join(',');
    line = `${who},[${ip}]`;
  } else if (host.name !== undefined && host.mac !== undefined) {
    line = `${host.mac},${ip},${host.name}`;
  } else if (host.name !== undefined) {
    line = `${host.name},${ip}`;
  } else {
    line = `${host.mac ?? ''},${ip}`;
  }
  const lease = formatLeaseTime(host.lease);
  return lease === undefined ? line : `${line},${lease}`;
}

/** Contents of the dhcp-hostsfile: static hosts of the DHCP IPv4 element, then IPv6. */
export function buildHostsFile(def: Pick<NetworkDef, 'ips'>): string {
  const { ipv4, ipv6 } = selectDhcpIps(def);
  const lines: string[] = [];
  for (const [ip, isV6] of [
    [ipv4, false],
    [ipv6, true],
  ] as const) {
    for (const host of ip?.dhcp?.hosts ?? []) {
      const line = dhcpHostLine(host, isV6);
      if (line !== undefined) lines.push(line);
    }
  }
  return checkDnsmasqFile(lines.map((line) => `${line}\n`).join(''), 'hostsfile');
}

/**
 * Contents of the addn-hosts file: every name of every <dns><host>, grouped by address in
 * first-seen order, each name followed by a tab (libvirt's addnhostsWrite).
 */
export function buildAddnHostsFile(def: Pick<NetworkDef, 'dns'>): string {
  const byIp = new Map<string, string[]>();
  for (const host of def.dns?.hosts ?? []) {
    const addr = parseIpAsLibvirt(host.ip);
    if (!addr || host.hostnames.length === 0) continue;
    const ip = formatIp(addr);
    const names = byIp.get(ip) ?? [];
    names.push(...host.hostnames);
    byIp.set(ip, names);
  }
  let out = '';
  for (const [ip, names] of byIp) {
    out += `${ip}\t${names.map((name) => `${name}\t`).join('')}\n`;
  }
  return checkDnsmasqFile(out, 'addnhosts');
}
