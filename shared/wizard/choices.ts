/**
 * What a person chooses in the creation wizard ("Create a new virtual network"), as typed:
 * addresses stay strings so a half-typed value can be shown and checked. build-network.ts
 * turns valid choices into the NetworkDef (and libvirt XML) that is defined.
 */
import type { OvnChoices } from './ovn-choices';

/**
 * The wizard's modes: libvirt's forward modes it offers, with 'isolated' for no <forward>, and
 * 'ovn' for a network that spans hosts (libvirt's bridge mode on br-int, run by OVN).
 */
export const WIZARD_MODES = ['nat', 'route', 'isolated', 'open', 'bridge', 'ovn'] as const;
export type WizardMode = (typeof WIZARD_MODES)[number];

/** How the network's DNS domain is chosen. */
export type DnsChoice = 'name' | 'custom' | 'none';

/** OVN mode's own fields are in OvnChoices; its subnet, gateway, DHCP and domain are the IPv4 ones. */
export interface WizardChoices extends OvnChoices {
  readonly name: string;
  readonly mode: WizardMode;
  /** Bridge mode: the existing host bridge guests are plugged into. */
  readonly hostBridge: string;
  /** IPv4 network in CIDR form (192.168.100.0/24). */
  readonly ipv4Network: string;
  /** The host's address in the network; libvirt's <ip address>. */
  readonly ipv4Gateway: string;
  readonly ipv4Dhcp: boolean;
  readonly ipv4Start: string;
  readonly ipv4End: string;
  readonly ipv6Enabled: boolean;
  readonly ipv6Network: string;
  readonly ipv6Gateway: string;
  readonly ipv6Dhcp: boolean;
  readonly ipv6Start: string;
  readonly ipv6End: string;
  /**
   * NAT mode: masquerade IPv6 as IPv4 (<nat ipv6='yes'/>, libvirt 6.5+), so a unique local
   * network reaches the outside. False routes it, which needs a prefix routed to the host.
   */
  readonly ipv6Nat: boolean;
  /** NAT and Routed: '' for any physical device, else a host device name. */
  readonly forwardDev: string;
  readonly dnsChoice: DnsChoice;
  readonly customDomain: string;
  readonly startNow: boolean;
  readonly autostart: boolean;
}

/** Modes where vnm makes the bridge and serves addresses with dnsmasq (not Bridge, not OVN). */
export function hasAddressing(mode: WizardMode): boolean {
  return mode !== 'bridge' && mode !== 'ovn';
}

/** Modes that send traffic out of the host through a device ("Forward to"). */
export function hasForwardDevice(mode: WizardMode): boolean {
  return mode === 'nat' || mode === 'route';
}

/** Whether the network masquerades its IPv6 (only a NAT network with IPv6 can). */
export function natIpv6(c: Pick<WizardChoices, 'mode' | 'ipv6Enabled' | 'ipv6Nat'>): boolean {
  return c.mode === 'nat' && c.ipv6Enabled && c.ipv6Nat;
}

/** The DNS domain the choices give, or undefined for none. */
export function chosenDomain(
  c: Pick<WizardChoices, 'name' | 'dnsChoice' | 'customDomain'>,
): string | undefined {
  if (c.dnsChoice === 'none') return undefined;
  return c.dnsChoice === 'name' ? c.name : c.customDomain.trim();
}
