/**
 * Which <ip> elements dnsmasq serves DHCP on, chosen as libvirt 9.0 chooses them: the first
 * IPv4 and the first IPv6 element that have a range or a host. Used by both the conf and
 * the hosts file so the two always agree.
 */
import type { IpDef, Lease, NetworkDef } from '../model/network';
import { VnmError } from '../rpc/errors';
import { parseIpAsLibvirt } from '../net/ip';

export interface DhcpSelection {
  readonly ipv4?: IpDef;
  readonly ipv6?: IpDef;
}

export function hasDhcp(ip: IpDef): boolean {
  return (ip.dhcp?.ranges.length ?? 0) > 0 || (ip.dhcp?.hosts.length ?? 0) > 0;
}

/** The DHCP <ip> of each family; throws when a family has more than one, as libvirt does. */
export function selectDhcpIps(def: Pick<NetworkDef, 'ips'>): DhcpSelection {
  let ipv4: IpDef | undefined;
  let ipv6: IpDef | undefined;
  for (const ip of def.ips) {
    if (!hasDhcp(ip)) continue;
    const family = parseIpAsLibvirt(ip.address)?.kind();
    if (family === 'ipv4') {
      if (ipv4) throw multipleDhcp('IPv4');
      ipv4 = ip;
    } else if (family === 'ipv6') {
      if (ipv6) throw multipleDhcp('IPv6');
      ipv6 = ip;
    }
  }
  return { ...(ipv4 && { ipv4 }), ...(ipv6 && { ipv6 }) };
}

function multipleDhcp(family: string): VnmError {
  return new VnmError(
    'unsupported',
    `For ${family}, multiple DHCP definitions cannot be specified; keep <dhcp> on one ${family} address only.`,
  );
}

/** A lease time as dnsmasq writes it: `infinite`, or a number and s/m/h (minutes by default). */
export function formatLeaseTime(lease: Lease | undefined): string | undefined {
  if (!lease) return undefined;
  if (lease.expiry === 0) return 'infinite';
  const unit = (lease.unit ?? 'minutes')[0];
  return `${lease.expiry}${unit}`;
}
