/**
 * Every value of a definition that reaches a file dnsmasq reads must have the syntax its field
 * really has (issue #20: a newline, a ' #', a '"' or a 1 KiB value in any of them used to add
 * options to dnsmasq's configuration, dhcp-script= included). libvirt checks almost none of
 * these; vnm refuses them at define and at net-update, with the field named.
 */
import type { Dns, IpDef, NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';
import { bridgeForDnsmasqProblem, dnsmasqPathProblem, dnsNameProblem, txtValueProblem } from './dnsmasq-text';
import type { Findings } from './issues';
import { confLineProblem } from '../dnsmasq/conf-syntax';

/** `_service._protocol.domain` is one DNS name (RFC 1035: at most 253 characters as text). */
const MAX_SRV_OWNER = 253;

/** A value as shown in a message: quoted, escapes visible, long ones cut. */
function shown(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut);
}

function check(f: Findings, element: string, what: string, value: string, problem: string | undefined): void {
  if (problem) f.add(element, `Invalid ${what} ${shown(value)} in network '${f.networkName}': ${problem}.`);
}

export function validateDnsmasqValues(f: Findings, def: NetworkDef): void {
  if (def.domain) {
    check(f, 'network/domain', 'domain name', def.domain.name, dnsNameProblem(def.domain.name));
  }
  if (def.bridge?.name !== undefined && isManagedBridgeKind(networkKind(def))) {
    check(f, 'network/bridge', 'bridge name', def.bridge.name, bridgeForDnsmasqProblem(def.bridge.name));
  }
  if (def.dns) validateDnsValues(f, def.dns);
  def.ips.forEach((ip) => validateIpValues(f, ip));
  validateDnsmasqOptions(f, def.dnsmasqOptions ?? []);
}

/**
 * A <dnsmasq:option> is trusted as root-equivalent, as in libvirt: vnm does not judge what
 * it asks dnsmasq to do. It must still be one whole line, so that it cannot become several
 * options, or a half-open quote that stops dnsmasq at start.
 */
function validateDnsmasqOptions(f: Findings, options: readonly string[]): void {
  for (const option of options) {
    const problem = confLineProblem(option, false);
    if (problem) {
      f.add(
        'network/dnsmasq:options/dnsmasq:option',
        `Invalid dnsmasq option ${shown(option)} in network '${f.networkName}': ${problem}; write each option as one line of dnsmasq's configuration, one <dnsmasq:option> per line.`,
      );
    }
  }
}

function validateDnsValues(f: Findings, dns: Dns): void {
  const P = 'network/dns';
  for (const fw of dns.forwarders) {
    if (fw.domain !== undefined) {
      check(f, `${P}/forwarder`, 'forwarder domain', fw.domain, dnsNameProblem(fw.domain, true));
    }
  }
  for (const t of dns.txts) {
    // libvirt's own message about blanks and commas comes first (validate-dns.ts).
    if (!/[ ,]/.test(t.name)) check(f, `${P}/txt`, 'DNS TXT record name', t.name, dnsNameProblem(t.name));
    check(f, `${P}/txt`, 'DNS TXT record value', t.value, txtValueProblem(t.value));
  }
  for (const s of dns.srvs) {
    const owner = `_${s.service}._${s.protocol}${s.domain !== undefined ? `.${s.domain}` : ''}`;
    if (owner.length > MAX_SRV_OWNER) {
      f.add(
        `${P}/srv`,
        `DNS SRV record _${s.service.slice(0, 20)}…._${s.protocol.slice(0, 20)}… in network '${f.networkName}' is ${owner.length} characters long; a DNS name has at most ${MAX_SRV_OWNER}.`,
      );
    }
    if (s.domain !== undefined) check(f, `${P}/srv`, 'DNS SRV domain', s.domain, dnsNameProblem(s.domain));
    // An empty target or '.' means "service not offered" (RFC 2782); nothing is written for it.
    if (s.target !== undefined && s.target !== '' && s.target !== '.') {
      check(f, `${P}/srv`, 'DNS SRV target', s.target, dnsNameProblem(s.target));
    }
  }
  for (const h of dns.hosts) {
    for (const name of h.hostnames) {
      check(f, `${P}/host/hostname`, 'DNS host name', name, dnsNameProblem(name));
    }
  }
}

function validateIpValues(f: Findings, ip: IpDef): void {
  const P = 'network/ip';
  if (ip.tftp) check(f, `${P}/tftp`, 'tftp root', ip.tftp.root, dnsmasqPathProblem(ip.tftp.root));
  const dhcp = ip.dhcp;
  if (!dhcp) return;
  if (dhcp.bootp) {
    check(f, `${P}/dhcp/bootp`, 'bootp file', dhcp.bootp.file, dnsmasqPathProblem(dhcp.bootp.file));
  }
  for (const h of dhcp.hosts) {
    if (h.name !== undefined) {
      check(f, `${P}/dhcp/host`, 'DHCP host name', h.name, dnsNameProblem(h.name));
    }
  }
}
