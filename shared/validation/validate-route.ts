/** <route> rules (libvirt's virNetDevIPRouteCreate) and gateway reachability. */
import type { IpDef, RouteDef } from '../model/network';
import type { IpAddress } from '../net/ip';
import { familyOf, formatIp, fromBigInt, parseIp, toBigInt } from '../net/ip';
import { cidrContains, effectivePrefix, networkAddress } from '../net/subnet';
import type { Findings } from './issues';

const P = 'network/route';

export function validateRoutes(f: Findings, routes: readonly RouteDef[], ips: readonly IpDef[]): void {
  for (const r of routes) {
    const gateway = validateRoute(f, r);
    if (gateway && !reachable(gateway, ips)) {
      f.add(
        P,
        `unreachable static route gateway '${formatIp(gateway)}' specified for network '${f.networkName}': the gateway must be inside one of the network's <ip> subnets.`,
      );
    }
  }
}

function reachable(gateway: IpAddress, ips: readonly IpDef[]): boolean {
  return ips.some((ip) => {
    const addr = ip.address === undefined ? undefined : parseIp(ip.address);
    const prefix = effectivePrefix(ip);
    if (!addr || prefix === undefined || addr.kind() !== gateway.kind()) return false;
    return cidrContains({ address: addr, prefix }, gateway);
  });
}

/** Returns the parsed gateway when the route itself is fine. */
function validateRoute(f: Findings, r: RouteDef): IpAddress | undefined {
  const n = f.networkName;
  const address = parseIp(r.address);
  if (!address) return void f.add(P, `${n}: Bad network address '${r.address}' in route definition.`);
  const gateway = parseIp(r.gateway);
  if (!gateway) return void f.add(P, `${n}: Bad gateway address '${r.gateway}' in route definition.`);
  const problem = r.family === 'ipv6' ? ipv6Problem(r, address, gateway) : ipv4Problem(r, address, gateway);
  if (problem) return void f.add(P, `${n}: ${problem}.`);
  if (r.metric === 0) return void f.add(P, `${n}: Invalid metric value, must be > 0 in route definition.`);
  const mask = r.netmask === undefined ? undefined : parseIp(r.netmask);
  const prefix = mask ? popcount(mask) : (r.prefix ?? 0);
  const network = mask ? maskWith(address, mask) : networkAddress({ address, prefix });
  if (toBigInt(network) !== toBigInt(address)) {
    return void f.add(
      P,
      `${n}: Address '${r.address}' in route definition is not a network address: use ${formatIp(network)}.`,
    );
  }
  return gateway;
}

function ipv4Problem(r: RouteDef, address: IpAddress, gateway: IpAddress): string | undefined {
  const fam = r.family === undefined ? 'No family' : 'IPv4 family';
  if (familyOf(address) !== 'ipv4')
    return `${fam} specified for non-IPv4 address '${r.address}' in route definition`;
  if (familyOf(gateway) !== 'ipv4')
    return `${fam} specified for non-IPv4 gateway '${r.gateway}' in route definition`;
  if (r.netmask !== undefined) {
    const mask = parseIp(r.netmask);
    if (!mask) return `Bad netmask address '${r.netmask}' in route definition`;
    if (familyOf(mask) !== 'ipv4')
      return `Invalid netmask '${r.netmask}' for address '${r.address}' (both must be IPv4)`;
    if (r.prefix !== undefined) return 'Route definition cannot have both a prefix and a netmask';
  }
  if ((r.prefix ?? 0) > 32) return `Invalid prefix ${r.prefix} specified in route definition, must be 0 - 32`;
  return undefined;
}

function ipv6Problem(r: RouteDef, address: IpAddress, gateway: IpAddress): string | undefined {
  if (familyOf(address) !== 'ipv6')
    return `ipv6 family specified for non-IPv6 address '${r.address}' in route definition`;
  if (r.netmask !== undefined)
    return `Specifying netmask invalid for IPv6 address '${r.address}' in route definition: use prefix`;
  if (familyOf(gateway) !== 'ipv6')
    return `ipv6 specified for non-IPv6 gateway address '${r.gateway}' in route definition`;
  if ((r.prefix ?? 0) > 128)
    return `Invalid prefix ${r.prefix} specified in route definition, must be 0 - 128`;
  return undefined;
}

function popcount(mask: IpAddress): number {
  return mask.toByteArray().reduce((n, b) => n + b.toString(2).replace(/0/g, '').length, 0);
}

/** address AND mask, bit by bit (libvirt applies even a non-contiguous route netmask). */
function maskWith(address: IpAddress, mask: IpAddress): IpAddress {
  return fromBigInt(toBigInt(address) & toBigInt(mask), familyOf(address));
}
