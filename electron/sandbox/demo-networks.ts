/**
 * The networks a fresh sandbox has: `default`, as libvirt installs it (NAT on virbr0,
 * 192.168.122.0/24, autostart, running), `lab`, an isolated network left stopped so there
 * is something to start, and `lan`, Bridge mode on the host's br-lan (lan.ts), stopped.
 * Defined through vnmd's API, as a user would.
 */
import type { VnmClient } from '../client/client';
import { guestMac } from './guest';
import { LAN } from './lan';
import { ovnHostName } from './ovn-lab';
import { OVN_UPLINK } from './ovn-sandbox';
import { VNM_XMLNS } from '../../shared/xml/forwards';

/** The guests the agent plugs into each demo network, by hostname (guest-agent.ts). */
export const DEMO_GUESTS: Readonly<Record<string, readonly string[]>> = {
  default: ['fedora', 'debian', 'alpine'],
  lab: ['ubuntu', 'rocky'],
  lan: ['arch'],
  // OVN: the first and third on host-a, the others on host-b (guest-agent.ts spreads them).
  span: ['nixos', 'gentoo', 'centos', 'opensuse'],
};

/** `<host>` reservations for a demo network's guests: .10, .11, ... of `prefix` (a /24). */
function reservations(network: string, prefix: string): string {
  return (DEMO_GUESTS[network] ?? [])
    .map(
      (name, i) => `      <host mac='${guestMac(network, name)}' name='${name}' ip='${prefix}.${10 + i}'/>\n`,
    )
    .join('');
}

/**
 * libvirt's default.xml (network/default.xml in libvirt's sources), plus a reserved address
 * for each demo guest, as people add for their VMs. The reservations also spare each guest
 * dnsmasq's ping check of a new address (about 3 s, one client at a time), so the leases
 * come within seconds of the bridge ports forwarding (STP holds them 4 s).
 */
export function defaultXml(): string {
  return `<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
${reservations('default', '192.168.122')}    </dhcp>
  </ip>
</network>
`;
}

/** An isolated lab: no way out, guests see only each other and the host. */
export function labXml(): string {
  return `<network>
  <name>lab</name>
  <bridge stp='on' delay='0'/>
  <domain name='lab'/>
  <ip address='10.77.0.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.77.0.100' end='10.77.0.199'/>
${reservations('lab', '10.77.0')}    </dhcp>
  </ip>
</network>
`;
}

/** Guests join the host's LAN bridge; their addresses come from the LAN (the nas), not vnm. */
export function lanXml(): string {
  return `<network>
  <name>lan</name>
  <forward mode='bridge'/>
  <bridge name='${LAN.bridge}'/>
</network>
`;
}

/**
 * An OVN network spanning host-a and host-b (ovn-sandbox.ts): OVN's own DHCP, and a router
 * on host-a (the gateway chassis) that SNATs guests of both hosts out to the wan.
 */
export function spanXml(): string {
  const u = OVN_UPLINK;
  return `<network>
  <name>span</name>
  <metadata>
    <vnm:ovn xmlns:vnm="${VNM_XMLNS}" mode="nat" subnet="10.88.0.0/24">
      <vnm:dhcp start="10.88.0.100" end="10.88.0.199" leaseTime="3600"/>
      <vnm:uplink chassis="${ovnHostName(0)}" physnet="${u.physnet}" address="${u.routerAddress}/${u.prefix}" nexthop="${u.wanAddress}"/>
    </vnm:ovn>
  </metadata>
  <forward mode='bridge'/>
  <bridge name='br-int'/>
  <virtualport type='openvswitch'/>
</network>
`;
}

/** Defines `default` (autostart, started), `lab` and `lan` (inactive), and with OVN `span` (started). */
export async function defineDemoNetworks(client: VnmClient, ovn = false): Promise<void> {
  if (ovn) {
    await client.call('network.define', { xml: spanXml() });
    await client.call('network.start', { network: 'span' });
  }
  await client.call('network.define', { xml: defaultXml() });
  await client.call('network.setAutostart', { network: 'default', autostart: true });
  await client.call('network.define', { xml: labXml() });
  await client.call('network.define', { xml: lanXml() });
  await client.call('network.start', { network: 'default' });
}
