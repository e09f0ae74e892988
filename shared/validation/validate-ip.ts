/** <ip> rules: address, family, netmask/prefix, DHCP ranges and hosts, tftp, bootp. */
import type { DhcpHost, IpDef } from '../model/network';
import type { IpAddress } from '../net/ip';
import { familyOf, parseIp } from '../net/ip';
import { isMulticastMac, parseMac } from '../net/mac';
import { effectivePrefix } from '../net/subnet';
import type { Findings } from './issues';
import { rangeProblem } from './range';

const P = 'network/ip';

export function validateIps(f: Findings, ips: readonly IpDef[]): void {
  for (const ip of ips) validateIp(f, ip);
  for (const family of ['IPv4', 'IPv6'] as const) {
    const withDhcp = ips.filter((ip) => hasDhcp(ip) && addressFamily(ip) === family);
    if (withDhcp.length > 1) {
      f.add(
        `${P}/dhcp`,
        `Multiple ${family} dhcp sections found -- dhcp is supported only for a single ${family} address on each network; keep <dhcp> on one of them.`,
      );
    }
  }
}

export function hasDhcp(ip: IpDef): boolean {
  return !!ip.dhcp && (ip.dhcp.ranges.length > 0 || ip.dhcp.hosts.length > 0);
}

function addressFamily(ip: IpDef): 'IPv4' | 'IPv6' | undefined {
  const addr = ip.address === undefined ? undefined : parseIp(ip.address);
  if (!addr) return undefined;
  return familyOf(addr) === 'ipv4' ? 'IPv4' : 'IPv6';
}

function validateIp(f: Findings, ip: IpDef): void {
  const net = `network '${f.networkName}'`;
  if (ip.address === undefined)
    return f.add(P, `Missing required address attribute in ${net}: add address='...' to <ip>.`);
  const addr = parseIp(ip.address);
  if (!addr) return f.add(P, `Invalid address '${ip.address}' in ${net}: use an IPv4 or IPv6 address.`);
  if (ip.netmask !== undefined && !parseIp(ip.netmask)) {
    return f.add(P, `Invalid netmask '${ip.netmask}' in ${net}.`);
  }
  if (!familyRules(f, ip, addr)) return;
  if (ip.dhcp) validateDhcp(f, ip, addr);
  if (ip.tftp && familyOf(addr) !== 'ipv4') {
    f.add(
      `${P}/tftp`,
      `Unsupported <tftp> element in an IPv6 element in ${net}: TFTP is only offered on an IPv4 <ip>.`,
    );
  }
}

/** libvirt's per-family checks; false when the <ip> is too broken to check further. */
function familyRules(f: Findings, ip: IpDef, addr: IpAddress): boolean {
  const net = `network '${f.networkName}'`;
  const prefix = ip.prefix ?? 0;
  if (ip.family === undefined || ip.family === 'ipv4') {
    if (familyOf(addr) !== 'ipv4') {
      f.add(
        P,
        `${ip.family ?? 'no'} family specified for non-IPv4 address '${ip.address}' in ${net}: add family='ipv6' for an IPv6 address.`,
      );
      return false;
    }
    if (ip.netmask !== undefined) {
      const mask = parseIp(ip.netmask);
      if (!mask || familyOf(mask) !== 'ipv4') {
        f.add(
          P,
          `Invalid netmask '${ip.netmask}' for address '${ip.address}' in ${net} (both must be IPv4).`,
        );
        return false;
      }
      if (prefix > 0) {
        f.add(
          P,
          `Network '${f.networkName}' IP address cannot have both a prefix and a netmask: keep one of them.`,
        );
        return false;
      }
    } else if (prefix > 32) {
      f.add(P, `Invalid IPv4 prefix '${prefix}' in ${net}: use 0 to 32.`);
      return false;
    }
    return true;
  }
  if (familyOf(addr) !== 'ipv6') {
    f.add(P, `Family 'ipv6' specified for non-IPv6 address '${ip.address}' in ${net}.`);
    return false;
  }
  if (ip.netmask !== undefined) {
    f.add(P, `netmask not allowed for IPv6 address '${ip.address}' in ${net}: use prefix='64' instead.`);
    return false;
  }
  if (prefix > 128) {
    f.add(P, `Invalid IPv6 prefix '${prefix}' in ${net}: use 0 to 128.`);
    return false;
  }
  return true;
}

function validateDhcp(f: Findings, ip: IpDef, addr: IpAddress): void {
  const dhcp = ip.dhcp;
  if (!dhcp) return;
  const network = { address: addr, prefix: effectivePrefix(ip) };
  for (const r of dhcp.ranges) {
    const start = parseIp(r.start);
    const end = parseIp(r.end);
    if (!start || !end) {
      f.add(
        `${P}/dhcp/range`,
        `Invalid address '${start ? r.end : r.start}' in dhcp range for network '${f.networkName}'.`,
      );
      continue;
    }
    const problem = rangeProblem(start, end, network);
    if (problem) f.add(`${P}/dhcp/range`, `${problem}.`);
  }
  for (const h of dhcp.hosts) validateDhcpHost(f, h, familyOf(addr) === 'ipv6');
  if (dhcp.bootp?.server !== undefined && !parseIp(dhcp.bootp.server)) {
    f.add(
      `${P}/dhcp/bootp`,
      `Invalid bootp server address '${dhcp.bootp.server}' in network '${f.networkName}'.`,
    );
  }
}

function validateDhcpHost(f: Findings, h: DhcpHost, ipv6: boolean): void {
  const path = `${P}/dhcp/host`;
  const net = `network '${f.networkName}'`;
  if (h.mac !== undefined) {
    if (ipv6) {
      return f.add(
        path,
        `Invalid to specify MAC address '${h.mac}' in ${net} IPv6 static host definition: identify the host by id or name instead.`,
      );
    }
    const bytes = parseMac(h.mac);
    if (!bytes) return f.add(path, `Cannot parse MAC address '${h.mac}' in ${net}.`);
    if (isMulticastMac(bytes)) {
      return f.add(path, `expected unicast mac address, found multicast '${h.mac}' in ${net}.`);
    }
  }
  const badId = h.id === undefined ? undefined : /[^0-9a-fA-F:]/.exec(h.id)?.[0];
  if (badId !== undefined) return f.add(path, `Invalid character '${badId}' in id '${h.id}' of ${net}.`);
  if (h.name !== undefined && !/^[a-zA-Z]/.test(h.name)) {
    return f.add(path, `Cannot use host name '${h.name}' in ${net}: a host name must start with a letter.`);
  }
  if (h.ip !== undefined && !parseIp(h.ip)) {
    return f.add(path, `Invalid IP address '${h.ip}' in static host definition for ${net}.`);
  }
  if (ipv6 && h.id === undefined && h.name === undefined) {
    return f.add(path, `Static host definition in IPv6 ${net} must have id or name attribute.`);
  }
  if (!ipv6 && h.mac === undefined && h.name === undefined) {
    return f.add(path, `Static host definition in IPv4 ${net} must have mac or name attribute.`);
  }
  if (h.ip === undefined) f.add(path, `Missing IP address in static host definition for ${net}.`);
}
