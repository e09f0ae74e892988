/**
 * The wizard's choices for "Spanning hosts (OVN)" (issue 19), as typed, and the OvnSettings
 * they give. The subnet, gateway and DHCP range reuse the IPv4 fields of the other modes (so
 * they are proposed and checked alike) and the DNS domain reuses theirs; what only OVN has
 * lives here.
 */
import type { OvnMode, OvnSettings } from '../model/ovn';
import { DEFAULT_UNDERLAY_MTU, GENEVE_OVERHEAD } from '../model/ovn';
import { canonicalIp } from '../net/ip';
import { formatCidr, networkAddress, parseCidr } from '../net/subnet';

export interface OvnChoices {
  readonly ovnMode: OvnMode;
  /** The guests' MTU, handed out by OVN's DHCP. */
  readonly ovnMtu: string;
  /** The logical switch's name; '' for vnm-NAME. */
  readonly ovnSwitch: string;
  /** DNS servers handed to guests by DHCP, separated by spaces or commas; '' for none. */
  readonly ovnDns: string;
  /** NAT and Routed: the gateway chassis (its system-id). */
  readonly uplinkChassis: string;
  /** NAT and Routed: the physical network name in that chassis's ovn-bridge-mappings. */
  readonly uplinkPhysnet: string;
  /** NAT and Routed: the router's address on the uplink, with prefix. */
  readonly uplinkAddress: string;
  /** NAT and Routed: the uplink's next hop (the default route). */
  readonly uplinkNexthop: string;
}

/** What the form starts with before the host is read. */
export const OVN_CHOICES_DEFAULT: OvnChoices = {
  ovnMode: 'isolated',
  ovnMtu: String(DEFAULT_UNDERLAY_MTU - GENEVE_OVERHEAD),
  ovnSwitch: '',
  ovnDns: '',
  uplinkChassis: '',
  uplinkPhysnet: '',
  uplinkAddress: '',
  uplinkNexthop: '',
};

/** OVN modes with a logical router, and so an uplink on a gateway chassis. */
export function hasUplink(mode: OvnMode): boolean {
  return mode !== 'isolated';
}

/** The DNS servers as typed, one address each. */
export function dnsServers(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The physical network names of an ovn-bridge-mappings value ("physnet:br-ex,lan:br-lan"). */
export function physnetsOf(bridgeMappings: string | null): string[] {
  if (!bridgeMappings) return [];
  return bridgeMappings
    .split(',')
    .map((m) => m.split(':')[0]?.trim() ?? '')
    .filter(Boolean);
}

/** 10.20.0.7/24 -> 10.20.0.0/24; the text as typed when it is no subnet (validation says so). */
function subnetText(text: string): string {
  const cidr = parseCidr(text.trim());
  return cidr ? formatCidr({ address: networkAddress(cidr), prefix: cidr.prefix }) : text.trim();
}

/** An address in its canonical spelling, or as typed when it is none. */
const ip = (text: string) => canonicalIp(text.trim());

/** A whole number as typed, else undefined: empty means OVN's default, anything else the checks refuse. */
function mtuOf(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : undefined;
}

export interface OvnAddressing {
  readonly subnet: string;
  readonly gateway: string;
  readonly dhcp: { readonly on: boolean; readonly start: string; readonly end: string };
  /** The DNS domain handed out with DHCP, if any. */
  readonly domain: string | undefined;
}

/** The OvnSettings written in <vnm:ovn>; the proposed values are written too, so Details shows them back. */
export function ovnSettingsOf(c: OvnChoices, a: OvnAddressing): OvnSettings {
  const switchName = c.ovnSwitch.trim();
  const mtu = mtuOf(c.ovnMtu);
  const uplink = {
    chassis: c.uplinkChassis.trim(),
    physnet: c.uplinkPhysnet.trim(),
    address: c.uplinkAddress.trim(),
    nexthop: ip(c.uplinkNexthop),
  };
  return {
    mode: c.ovnMode,
    ...(switchName ? { switchName } : {}),
    subnet: subnetText(a.subnet),
    gateway: ip(a.gateway),
    ...(mtu === undefined ? {} : { mtu }),
    ...(a.dhcp.on
      ? {
          dhcp: {
            start: ip(a.dhcp.start),
            end: ip(a.dhcp.end),
            dns: dnsServers(c.ovnDns).map(ip),
            ...(a.domain ? { domain: a.domain } : {}),
          },
        }
      : {}),
    ...(hasUplink(c.ovnMode) ? { uplink } : {}),
  };
}
