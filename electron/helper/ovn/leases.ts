/**
 * The DHCP leases of an OVN network. OVN's native DHCP keeps no lease file: ovn-controller
 * answers each guest from the northbound state, where OVN's IPAM has given the port its address
 * (dynamic_addresses) or the port states one ("MAC IP"). So a lease here is a guest port of the
 * network that holds an address and is bound to a chassis, wherever that chassis is; its host
 * is that Chassis's hostname.
 *
 * expiry is 0 ("never", as for an infinite dnsmasq lease), not now + the lease time: the
 * address belongs to the port for as long as the port exists, whether or not the guest renews,
 * and OVN records no time of the guest's last request, so any date would be invented.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { OvnSettings } from '../../../shared/model/ovn';
import { parseCidr } from '../../../shared/net';
import type { Lease } from '../../../shared/rpc/contract';
import type { OvnConfig } from './config';
import type { OvnGuestPort } from './guest-ports';
import { networkGuestPorts } from './guest-ports';
import { portHosts } from './southbound';

/** The leases of `ports` given where each is bound; pure, for tests. */
export function leasesOf(
  network: string,
  prefix: number,
  ports: readonly OvnGuestPort[],
  hosts: ReadonlyMap<string, string>,
): Lease[] {
  const out: Lease[] = [];
  for (const p of ports) {
    const host = hosts.get(p.port);
    if (p.ip === null || host === undefined) continue;
    out.push({
      network,
      expiry: 0,
      mac: p.mac,
      protocol: 'ipv4',
      ipPrefix: `${p.ip}/${prefix}`,
      ip: p.ip,
      hostname: null, // OVN does not keep the name a guest sends in its DHCP request
      clientId: null,
      host,
    });
  }
  return out;
}

export async function ovnLeases(
  cfg: OvnConfig,
  def: NetworkDef & { ovn: OvnSettings },
  mac?: string,
): Promise<Lease[]> {
  const wanted = mac?.toLowerCase();
  const ports = (await networkGuestPorts(cfg, def.uuid!)).filter(
    (p) => p.ip !== null && (wanted === undefined || p.mac === wanted),
  );
  const hosts = await portHosts(
    cfg,
    ports.map((p) => p.port),
  );
  return leasesOf(def.name, parseCidr(def.ovn.subnet)?.prefix ?? 32, ports, hosts);
}
