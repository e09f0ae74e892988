/**
 * Wizard choices -> the NetworkDef that is defined, and its libvirt XML. The choices are
 * expected to have passed the wizard's checks; what vnmd generates at define (UUID, bridge
 * name, MAC) is left out, as virt-manager leaves it to libvirt.
 */
import type { Forward, IpDef, NetworkDef } from '../model/network';
import { canonicalIp } from '../net/ip';
import { parseCidr } from '../net/subnet';
import { formatNetworkXml } from '../xml/format-network';
import type { WizardChoices } from './choices';
import { chosenDomain, hasAddressing, hasForwardDevice, natIpv6 } from './choices';
import { ovnSettingsOf } from './ovn-choices';

function forwardOf(c: WizardChoices): Forward | undefined {
  const base = { interfaces: [], pf: [], addresses: [] };
  switch (c.mode) {
    case 'isolated':
      return undefined;
    case 'open':
      return { ...base, mode: 'open' };
    case 'bridge':
    case 'ovn':
      // OVN's is libvirt's bridge mode too, on br-int (ovnNetworkDef writes it with the rest).
      return { ...base, mode: 'bridge' };
    case 'nat':
    case 'route': {
      const dev = hasForwardDevice(c.mode) && c.forwardDev ? c.forwardDev : undefined;
      const nat = natIpv6(c) ? { nat: { ipv6: 'yes' as const, addresses: [] } } : {};
      return { ...base, mode: c.mode, ...(dev ? { dev } : {}), ...nat };
    }
  }
}

function ipOf(
  family: 'ipv4' | 'ipv6',
  network: string,
  gateway: string,
  dhcp: { on: boolean; start: string; end: string },
): IpDef {
  const prefix = parseCidr(network.trim())?.prefix;
  const ranges = dhcp.on
    ? [{ start: canonicalIp(dhcp.start.trim()), end: canonicalIp(dhcp.end.trim()) }]
    : [];
  return {
    ...(family === 'ipv6' ? { family } : {}),
    address: canonicalIp(gateway.trim()),
    ...(prefix === undefined ? {} : { prefix }),
    ...(ranges.length > 0 ? { dhcp: { ranges, hosts: [] } } : {}),
  };
}

function ipsOf(c: WizardChoices): IpDef[] {
  if (!hasAddressing(c.mode)) return [];
  const ips = [
    ipOf('ipv4', c.ipv4Network, c.ipv4Gateway, { on: c.ipv4Dhcp, start: c.ipv4Start, end: c.ipv4End }),
  ];
  if (c.ipv6Enabled) {
    ips.push(
      ipOf('ipv6', c.ipv6Network, c.ipv6Gateway, { on: c.ipv6Dhcp, start: c.ipv6Start, end: c.ipv6End }),
    );
  }
  return ips;
}

/**
 * An OVN network as libvirt knows it (guests plugged into the integration bridge through an
 * openvswitch virtualport) with what OVN must be told in vnm's metadata: no <ip>, since the
 * addresses and DHCP are OVN's, not dnsmasq's on this host.
 */
function ovnNetworkDef(c: WizardChoices): NetworkDef {
  const ovn = ovnSettingsOf(c, {
    subnet: c.ipv4Network,
    gateway: c.ipv4Gateway,
    dhcp: { on: c.ipv4Dhcp, start: c.ipv4Start, end: c.ipv4End },
    domain: chosenDomain(c),
  });
  return {
    name: c.name,
    forward: { mode: 'bridge', interfaces: [], pf: [], addresses: [] },
    bridge: { name: 'br-int' },
    virtualport: { type: 'openvswitch', parameters: [] },
    ips: [],
    routes: [],
    portgroups: [],
    ovn,
  };
}

/** The network the wizard defines. */
export function buildNetworkDef(c: WizardChoices): NetworkDef {
  if (c.mode === 'ovn') return ovnNetworkDef(c);
  const forward = forwardOf(c);
  const domain = hasAddressing(c.mode) ? chosenDomain(c) : undefined;
  return {
    name: c.name,
    ...(forward ? { forward } : {}),
    ...(c.mode === 'bridge' ? { bridge: { name: c.hostBridge } } : {}),
    // The name answers locally; queries for it are never sent upstream (as virt-manager does).
    ...(domain ? { domain: { name: domain, localOnly: 'yes' as const } } : {}),
    ips: ipsOf(c),
    routes: [],
    portgroups: [],
  };
}

/** The libvirt XML the wizard shows in its summary and defines. */
export function buildNetworkXml(c: WizardChoices): string {
  return formatNetworkXml(buildNetworkDef(c));
}
