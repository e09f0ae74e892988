/**
 * The model of one virtual network: a typed image of libvirt's network XML
 * (https://libvirt.org/formatnetwork.html). The XML codec in shared/xml reads and
 * writes exactly this shape; everything else (vnmd, CLI, renderer) works on it.
 *
 * Conventions:
 * - Attributes libvirt stores as tristate yes/no stay `'yes' | 'no'` strings so that a
 *   value the user wrote is written back unchanged, and an absent one stays absent.
 * - Addresses stay strings as written (normalised by the codec where libvirt does).
 * - Lists are always present (possibly empty) so consumers never test for undefined.
 */

import type { PortForward } from './port-forward';
import type { PortRange } from './port-range';
import type { OvnSettings } from './ovn';

export type YesNo = 'yes' | 'no';

export const FORWARD_MODES = [
  'nat',
  'route',
  'open',
  'bridge',
  'private',
  'vepa',
  'passthrough',
  'hostdev',
] as const;
export type ForwardMode = (typeof FORWARD_MODES)[number];

/** How the product talks about a network: forward mode, or 'isolated' when there is none. */
export type NetworkKind = ForwardMode | 'isolated';

export interface AddressRange {
  readonly start: string;
  readonly end: string;
}

export interface Nat {
  readonly ipv6?: YesNo;
  readonly addresses: readonly AddressRange[];
  readonly port?: PortRange;
}

/** An entry of a forward interface pool, by device name. */
export interface ForwardInterface {
  readonly dev: string;
  /** Read-only, live XML only. */
  readonly connections?: number;
}

/** An entry of a hostdev pool, by PCI address. */
export interface PciAddress {
  readonly type: 'pci';
  readonly domain: number;
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
}

export interface ForwardDriver {
  readonly name: string;
}

export interface Forward {
  /** Absent in the XML means 'nat'; the codec fills it in as libvirt does. */
  readonly mode: ForwardMode;
  readonly dev?: string;
  readonly managed?: YesNo;
  readonly driver?: ForwardDriver;
  readonly nat?: Nat;
  readonly interfaces: readonly ForwardInterface[];
  readonly pf: readonly { readonly dev: string }[];
  readonly addresses: readonly PciAddress[];
}

export interface Bridge {
  readonly name?: string;
  /** XML stp='on'|'off' spelled yes/no: 'no' is off; anything else libvirt reads as on. */
  readonly stp?: YesNo;
  readonly delay?: number;
  readonly macTableManager?: 'kernel' | 'libvirt';
  readonly zone?: string;
}

export interface Domain {
  readonly name: string;
  readonly localOnly?: YesNo;
  readonly register?: YesNo;
}

export interface DnsForwarder {
  readonly addr?: string;
  readonly domain?: string;
  /** The forwarder's DNS port when not 53 (newer libvirt's port='N'; 9.0 drops it). */
  readonly port?: number;
}

export interface DnsTxt {
  readonly name: string;
  readonly value: string;
}

export interface DnsSrv {
  readonly service: string;
  readonly protocol: string;
  readonly domain?: string;
  readonly target?: string;
  readonly port?: number;
  readonly priority?: number;
  readonly weight?: number;
}

export interface DnsHost {
  readonly ip: string;
  readonly hostnames: readonly string[];
}

export interface Dns {
  readonly enable?: YesNo;
  readonly forwardPlainNames?: YesNo;
  readonly forwarders: readonly DnsForwarder[];
  readonly txts: readonly DnsTxt[];
  readonly hosts: readonly DnsHost[];
  readonly srvs: readonly DnsSrv[];
}

export type LeaseUnit = 'seconds' | 'minutes' | 'hours';

export interface Lease {
  /** 0 means infinite, as libvirt. */
  readonly expiry: number;
  readonly unit?: LeaseUnit;
}

export interface DhcpRange {
  readonly start: string;
  readonly end: string;
  readonly lease?: Lease;
}

export interface DhcpHost {
  readonly mac?: string;
  /** DHCPv6 client id (DUID). */
  readonly id?: string;
  readonly name?: string;
  readonly ip?: string;
  readonly lease?: Lease;
}

export interface Bootp {
  readonly file: string;
  readonly server?: string;
}

export interface Dhcp {
  readonly ranges: readonly DhcpRange[];
  readonly hosts: readonly DhcpHost[];
  readonly bootp?: Bootp;
}

export type IpFamily = 'ipv4' | 'ipv6';

export interface IpDef {
  /** As written; absent means ipv4 unless the address is IPv6. */
  readonly family?: IpFamily;
  readonly address?: string;
  readonly netmask?: string;
  readonly prefix?: number;
  readonly localPtr?: YesNo;
  readonly tftp?: { readonly root: string };
  readonly dhcp?: Dhcp;
}

export interface RouteDef {
  readonly family?: IpFamily;
  readonly address: string;
  readonly netmask?: string;
  readonly prefix?: number;
  readonly gateway: string;
  readonly metric?: number;
}

export interface BandwidthRate {
  readonly average?: number;
  readonly peak?: number;
  readonly burst?: number;
  readonly floor?: number;
}

export interface Bandwidth {
  readonly inbound?: BandwidthRate;
  readonly outbound?: BandwidthRate;
}

export interface VlanTag {
  readonly id: number;
  readonly nativeMode?: 'tagged' | 'untagged';
}

export interface Vlan {
  readonly trunk?: YesNo;
  readonly tags: readonly VlanTag[];
}

export interface Virtualport {
  readonly type?: string;
  /** The <parameters> attributes, in document order (managerid, typeid, instanceid, profileid, interfaceid ...). */
  readonly parameters: readonly (readonly [string, string])[];
}

export interface Portgroup {
  readonly name: string;
  readonly default?: YesNo;
  readonly trustGuestRxFilters?: YesNo;
  readonly virtualport?: Virtualport;
  readonly bandwidth?: Bandwidth;
  readonly vlan?: Vlan;
}

export interface NetworkDef {
  readonly name: string;
  readonly uuid?: string;
  readonly ipv6?: YesNo;
  readonly trustGuestRxFilters?: YesNo;
  /** Read-only, live XML only: number of guest interfaces connected. */
  readonly connections?: number;
  readonly title?: string;
  readonly description?: string;
  /** The <metadata> element's inner XML, kept verbatim. */
  readonly metadata?: string;
  readonly forward?: Forward;
  readonly bridge?: Bridge;
  readonly mtu?: number;
  readonly mac?: string;
  readonly domain?: Domain;
  readonly dns?: Dns;
  readonly vlan?: Vlan;
  readonly bandwidth?: Bandwidth;
  readonly ips: readonly IpDef[];
  readonly routes: readonly RouteDef[];
  readonly virtualport?: Virtualport;
  readonly portgroups: readonly Portgroup[];
  /** <port isolated='yes'/>: guest ports cannot talk to each other. */
  readonly portIsolated?: YesNo;
  /**
   * <dnsmasq:options>: lines passed to dnsmasq verbatim after its own configuration
   * (absent when none). As powerful as root: a dhcp-script= runs as root.
   */
  readonly dnsmasqOptions?: readonly string[];
  /** vnm's port forwards, kept in <metadata> (absent when none): see port-forward.ts. */
  readonly forwards?: readonly PortForward[];
  /** vnm's OVN settings, kept in <metadata> (absent for every other network): see ovn.ts. */
  readonly ovn?: OvnSettings;
}

export function networkKind(def: Pick<NetworkDef, 'forward'>): NetworkKind {
  return def.forward?.mode ?? 'isolated';
}

/** Modes where vnm owns a bridge, addresses and dnsmasq (libvirt's "managed" networks). */
export function isManagedBridgeKind(kind: NetworkKind): boolean {
  return kind === 'nat' || kind === 'route' || kind === 'open' || kind === 'isolated';
}

export function ipFamily(ip: Pick<IpDef, 'family' | 'address'>): IpFamily {
  if (ip.family) return ip.family;
  return ip.address?.includes(':') ? 'ipv6' : 'ipv4';
}

/** The forward interface pool as libvirt holds it: a lone <forward dev> is a one-entry pool. */
export function forwardPool(fwd: Forward): readonly ForwardInterface[] {
  if (fwd.interfaces.length > 0) return fwd.interfaces;
  if (fwd.dev && fwd.pf.length === 0 && fwd.addresses.length === 0) return [{ dev: fwd.dev }];
  return [];
}

/** An OVN network: a host bridge (br-int) whose switch OVN runs across hosts (model/ovn.ts). */
export function isOvnNetwork(def: Pick<NetworkDef, 'ovn'>): def is NetworkDef & { ovn: OvnSettings } {
  return def.ovn !== undefined;
}
