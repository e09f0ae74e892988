/**
 * An OVN network (issue 19): one logical switch in OVN's northbound database that guests on
 * every chassis share. In libvirt's XML it is a host-bridge network on the integration bridge
 * (`<forward mode='bridge'/><bridge name='br-int'/><virtualport type='openvswitch'/>`, what
 * libvirt plugs OVS guests into); what OVN must be told lives in vnm's `<vnm:ovn>` metadata.
 */

export const OVN_MODES = ['isolated', 'nat', 'routed'] as const;
/** isolated: the switch alone; nat: a router SNATs the subnet on a gateway chassis; routed: the same router without SNAT. */
export type OvnMode = (typeof OVN_MODES)[number];

export interface OvnDhcp {
  readonly start: string;
  readonly end: string;
  /** Seconds; OVN's default is 3600. */
  readonly leaseTime?: number;
  /** DNS servers handed to guests, in order. */
  readonly dns: readonly string[];
  readonly domain?: string;
}

/** Where the router meets the outside: a localnet port on a chassis's bridge mapping. */
export interface OvnUplink {
  /** The gateway chassis (its system-id / Chassis name). */
  readonly chassis: string;
  /** The physical network name in that chassis's ovn-bridge-mappings. */
  readonly physnet: string;
  /** The router's address on the uplink, with prefix (also the SNAT address). */
  readonly address: string;
  /** The uplink's next hop for the default route. */
  readonly nexthop: string;
}

export interface OvnSettings {
  readonly mode: OvnMode;
  /** The logical switch's name; vnm-NETWORK when absent. */
  readonly switchName?: string;
  /** IPv4 subnet with prefix, e.g. 10.20.0.0/24. */
  readonly subnet: string;
  /** The router's (and DHCP server's) address in the subnet; the first host when absent. */
  readonly gateway?: string;
  /** The guests' MTU from DHCP; underlay MTU − 58 (1442 on 1500) when absent. */
  readonly mtu?: number;
  readonly dhcp?: OvnDhcp;
  readonly uplink?: OvnUplink;
}

/** Geneve's overhead (outer IPv4, UDP, Geneve header and OVN's option): guests need MTU ≤ underlay − 58. */
export const GENEVE_OVERHEAD = 58;
export const DEFAULT_UNDERLAY_MTU = 1500;

export function ovnSwitchName(networkName: string, ovn: Pick<OvnSettings, 'switchName'>): string {
  return ovn.switchName ?? `vnm-${networkName}`;
}

export function ovnGuestMtu(ovn: Pick<OvnSettings, 'mtu'>): number {
  return ovn.mtu ?? DEFAULT_UNDERLAY_MTU - GENEVE_OVERHEAD;
}
