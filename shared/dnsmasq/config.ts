/**
 * dnsmasq's configuration file for one network: the same options, in the same order and
 * spelling, as libvirt 9.0 writes (networkDnsmasqConfContents in bridge_driver.c), for a
 * dnsmasq that has bind-dynamic, ra-param and RA support (every dnsmasq since 2.67).
 * vnm adds only what it asks for explicitly (dhcp-leasefile=, dhcp-script=), at the end.
 */
import type { IpDef, NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';
import { VnmError } from '../rpc/errors';
import { libvirtPrefix, prefixToNetmask } from '../net/subnet';
import { canonicalIpAsLibvirt, formatIp, parseIpAsLibvirt } from '../net/ip';
import { ptrDomain, rangeSize } from './addr';
import { formatLeaseTime, hasDhcp, selectDhcpIps } from './dhcp';
import { dnsLines } from './config-dns';
import { checkDnsmasqFile, quoteConfValue } from './conf-syntax';

export interface DnsmasqPaths {
  readonly pidFile: string;
  readonly hostsFile: string;
  readonly addnHostsFile: string;
  /** vnm only: where dnsmasq keeps its leases (libvirt uses a lease helper instead). */
  readonly leaseFile?: string;
  /** vnm only: a script dnsmasq runs on every lease change (dhcp-script=). */
  readonly leaseHelper?: string;
  /** The bridge the network runs on (libvirt allocates it when the XML names none). */
  readonly bridge: string;
}

/**
 * Whether libvirt would start a dnsmasq for this network (networkStartDhcpDaemon): only for
 * networks on a bridge vnm manages, with at least one <ip>, and only if DHCP, TFTP or DNS
 * has something to do.
 */
export function dnsmasqNeeded(def: NetworkDef): boolean {
  if (!isManagedBridgeKind(networkKind(def))) return false;
  if (def.ips.length === 0) return false;
  const serves = def.ips.some((ip) => hasDhcp(ip) || ip.tftp !== undefined);
  return serves || def.dns?.enable !== 'no';
}

export function buildDnsmasqConfig(def: NetworkDef, paths: DnsmasqPaths): string {
  const wantDns = def.dns?.enable !== 'no';
  const dhcp = selectDhcpIps(def);
  const lines = [
    ...header(def.name),
    ...dnsLines(def, wantDns, 'head'),
    ...domainLines(def),
    ...(wantDns ? localPtrLines(def) : []),
    ...(wantDns && def.dns?.forwardPlainNames === 'no' ? ['domain-needed', 'local=//'] : []),
    `pid-file=${quoteConfValue(paths.pidFile)}`,
    // dnsmasq always listens on loopback unless told not to.
    'except-interface=lo',
    // bind-dynamic with only interface= answers nothing that did not arrive on the bridge
    // (CVE-2012-3411).
    'bind-dynamic',
    `interface=${paths.bridge}`,
    ...isolatedLines(def),
    ...dnsLines(def, wantDns, 'records'),
    ...tftpLines(def),
    ...dhcpLines(dhcp.ipv4, paths.bridge),
    ...dhcpLines(dhcp.ipv6, paths.bridge),
    ...leaseMaxLines([dhcp.ipv4, dhcp.ipv6]),
    ...(dhcp.ipv4 || dhcp.ipv6 ? [`dhcp-hostsfile=${quoteConfValue(paths.hostsFile)}`] : []),
    ...(wantDns ? [`addn-hosts=${quoteConfValue(paths.addnHostsFile)}`] : []),
    ...(def.mtu !== undefined && def.mtu > 0 ? [`dhcp-option=option:mtu,${def.mtu}`] : []),
    ...raLines(def, dhcp.ipv6 !== undefined),
    // The user's <dnsmasq:options>, last of libvirt's lines, as libvirt writes them.
    ...(def.dnsmasqOptions ?? []),
    ...vnmLines(paths),
  ];
  // Validation keeps every value within dnsmasq's syntax; this makes sure of it.
  return checkDnsmasqFile(lines.map((line) => `${line}\n`).join(''), 'conf');
}

function header(name: string): string[] {
  return [
    '##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE',
    '##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:',
    `##    virsh net-edit ${name}`,
    '## or other application using the libvirt API.',
    '##',
    '## dnsmasq conf file created by libvirt',
    // Query upstream servers in resolv.conf order, as glibc does.
    'strict-order',
  ];
}

function domainLines(def: NetworkDef): string[] {
  const domain = def.domain?.name;
  if (!domain) return [];
  const local = def.domain?.localOnly === 'yes' ? [`local=/${domain}/`] : [];
  return [...local, `domain=${domain}`, 'expand-hosts'];
}

function localPtrLines(def: NetworkDef): string[] {
  return def.ips
    .filter((ip) => ip.localPtr === 'yes' && ip.address !== undefined)
    .map((ip) => `local=/${ptrDomain(ip.address ?? '', libvirtPrefix(ip))}/`);
}

/**
 * An isolated network gets an empty default-route option (a route out cannot work) and
 * no-resolv (the host's resolvers would be a channel out); RAs get a zero router lifetime.
 */
function isolatedLines(def: NetworkDef): string[] {
  if (networkKind(def) !== 'isolated') return [];
  return ['dhcp-option=3', 'no-resolv', 'ra-param=*,0,0'];
}

function tftpLines(def: NetworkDef): string[] {
  const roots = def.ips
    .filter((ip) => parseIpAsLibvirt(ip.address)?.kind() === 'ipv4' && ip.tftp !== undefined)
    .map((ip) => `tftp-root=${ip.tftp?.root ?? ''}`);
  return roots.length > 0 ? ['enable-tftp', ...roots] : [];
}

function dhcpLines(ip: IpDef | undefined, bridge: string): string[] {
  if (!ip) return [];
  const prefix = libvirtPrefix(ip);
  if (prefix < 0) {
    throw new VnmError(
      'invalid-argument',
      `Bridge '${bridge}' has an invalid prefix; fix the netmask of ${ip.address ?? 'its address'}.`,
    );
  }
  const v6 = parseIpAsLibvirt(ip.address)?.kind() === 'ipv6';
  const ranges = ip.dhcp?.ranges ?? [];
  const hosts = ip.dhcp?.hosts ?? [];
  const lines = ranges.map((range) => {
    const width = v6 ? String(prefix) : prefixToNetmask(prefix);
    const lease = formatLeaseTime(range.lease);
    const base = `dhcp-range=${canonicalIpAsLibvirt(range.start)},${canonicalIpAsLibvirt(range.end)},${width}`;
    return lease === undefined ? base : `${base},${lease}`;
  });
  // With hosts but no range, dnsmasq needs a "static" range to serve DHCP at all.
  if (ranges.length === 0 && hosts.length > 0) {
    lines.push(`dhcp-range=${canonicalIpAsLibvirt(ip.address ?? '')},static${v6 ? `,${prefix}` : ''}`);
  }
  if (!v6) {
    lines.push('dhcp-no-override', 'dhcp-authoritative');
    lines.push(...bootLines(ip));
  }
  return lines;
}

function bootLines(ip: IpDef): string[] {
  const bootp = ip.dhcp?.bootp;
  if (!bootp) return [];
  const server = parseIpAsLibvirt(bootp.server);
  return [`dhcp-boot=${bootp.file}${server ? `,,${formatIp(server)}` : ''}`];
}

function leaseMaxLines(ips: readonly (IpDef | undefined)[]): string[] {
  let total = 0;
  for (const ip of ips) {
    for (const range of ip?.dhcp?.ranges ?? []) total += rangeSize(range.start, range.end);
  }
  return total > 0 ? [`dhcp-lease-max=${total}`] : [];
}

/** dnsmasq sends router advertisements itself: stateful with DHCPv6, else SLAAC per address. */
function raLines(def: NetworkDef, dhcpv6: boolean): string[] {
  if (dhcpv6) return ['enable-ra'];
  return def.ips
    .filter((ip) => parseIpAsLibvirt(ip.address)?.kind() === 'ipv6' && !hasDhcp(ip))
    .map((ip) => `dhcp-range=${canonicalIpAsLibvirt(ip.address ?? '')},ra-only`);
}

function vnmLines(paths: DnsmasqPaths): string[] {
  const lines: string[] = [];
  if (paths.leaseFile !== undefined) lines.push(`dhcp-leasefile=${quoteConfValue(paths.leaseFile)}`);
  if (paths.leaseHelper !== undefined) lines.push(`dhcp-script=${quoteConfValue(paths.leaseHelper)}`);
  return lines;
}
