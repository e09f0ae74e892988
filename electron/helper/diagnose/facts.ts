/** What the checks need to know of a running network, derived from its live definition. */
import type { NetworkDef, NetworkKind } from '../../../shared/model/network';
import { ipFamily, networkKind } from '../../../shared/model/network';
import { dnsmasqNeeded } from '../../../shared/dnsmasq/config';
import { libvirtPrefix } from '../../../shared/net/subnet';
import { addressAt, formatCidr, parseAddress, parseCidr } from '../../../shared/net/cidr';

export interface SubnetFacts {
  readonly family: 4 | 6;
  /** Network address and prefix, e.g. 192.168.122.0/24. */
  readonly cidr: string;
  /** The bridge's own address in it (the guests' gateway, DHCP and DNS server). */
  readonly address: string;
  /** An address a guest could have, for probe packets. */
  readonly guest: string;
  readonly prefix: number;
  readonly dhcp: boolean;
}

export interface NetFacts {
  readonly name: string;
  readonly kind: NetworkKind;
  readonly bridge: string;
  /** <forward dev>, when the network is tied to one uplink. */
  readonly forwardDev: string | null;
  readonly mtu: number | null;
  readonly subnets: readonly SubnetFacts[];
  /** IPv6 on a NAT network is routed unless <nat ipv6='yes'>. */
  readonly natIpv6: boolean;
  readonly dnsmasq: boolean;
  readonly dns: boolean;
  readonly tftp: boolean;
}

export function netFacts(def: NetworkDef, bridge: string): NetFacts {
  const subnets = def.ips
    .filter((ip) => ip.address !== undefined)
    .map((ip): SubnetFacts => {
      const prefix = libvirtPrefix(ip);
      const cidr = parseCidr(`${ip.address}/${prefix}`);
      const own = parseAddress(ip.address!)!.value;
      const guestOffset = own - cidr.network === 2n ? 3n : 2n;
      return {
        family: ipFamily(ip) === 'ipv4' ? 4 : 6,
        cidr: formatCidr(cidr),
        address: ip.address!,
        guest: addressAt(cidr, guestOffset),
        prefix,
        dhcp: (ip.dhcp?.ranges.length ?? 0) > 0 || (ip.dhcp?.hosts.length ?? 0) > 0,
      };
    });
  const needed = dnsmasqNeeded(def);
  return {
    name: def.name,
    kind: networkKind(def),
    bridge,
    forwardDev: def.forward?.dev ?? null,
    mtu: def.mtu ?? null,
    subnets,
    natIpv6: def.forward?.nat?.ipv6 === 'yes',
    dnsmasq: needed,
    dns: needed && def.dns?.enable !== 'no',
    tftp: def.ips.some((ip) => ip.tftp !== undefined),
  };
}

/** Whether traffic of this network is forwarded beyond the host (and so needs forwarding, NAT, an uplink). */
export function forwards(f: NetFacts): boolean {
  return f.kind === 'nat' || f.kind === 'route' || f.kind === 'open';
}
