/**
 * vnm's rules for an OVN network (model/ovn.ts): the libvirt side must be the integration
 * bridge with an openvswitch virtualport, and the OVN settings must describe one IPv4 subnet
 * with its DHCP range, router address and, for nat and routed, an uplink.
 */
import type { NetworkDef } from '../model/network';
import type { OvnSettings } from '../model/ovn';
import { cidrContains, compareIp, isValidIp, parseCidr, parseIp } from '../net';
import { dnsNameProblem } from './dnsmasq-text';
import type { Findings } from './issues';

const PATH = 'network/metadata/ovn';

/**
 * OVN names vnm writes (switch, gateway chassis, physnet): letters, digits, '.', '_' and '-',
 * starting with a letter or digit. OVN itself takes any string, but a chassis or physnet name
 * with ',' ':' or '=' could never match ovn-bridge-mappings ("physnet:bridge,…") or a
 * system-id, and none of the refused characters is in a name anyone gives a switch.
 */
export const OVN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const OVN_NAME_RULE = "use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit";
/** The guests' MTU: IPv4's minimum to a jumbo frame. */
export const OVN_MTU_MIN = 576;
export const OVN_MTU_MAX = 9000;
/** DHCP's lease time is a 32-bit count of seconds (0xffffffff meaning infinite). */
const MAX_LEASE_TIME = 0xffffffff;

/** A value as a message shows it: quoted, escaped (a newline shows as \n), cut after 40 characters. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function checkName(f: Findings, path: string, what: string, n: string, value: string | undefined): void {
  if (value !== undefined && !OVN_NAME.test(value))
    f.add(path, `OVN ${what} ${shown(value)} of network '${n}' is not allowed: ${OVN_NAME_RULE}.`);
}

export function validateOvn(f: Findings, def: NetworkDef): void {
  const ovn = def.ovn;
  if (!ovn) return;
  const n = def.name;
  if (def.forward?.mode !== 'bridge' || !def.bridge?.name || def.virtualport?.type !== 'openvswitch') {
    f.add(
      PATH,
      `network '${n}' has OVN settings, so it must be written as OVN's integration bridge: <forward mode='bridge'/><bridge name='br-int'/><virtualport type='openvswitch'/>.`,
    );
  }
  checkName(f, PATH, 'switch name', n, ovn.switchName);
  if (ovn.dhcp) validateDhcpWords(f, n, ovn.dhcp);
  const subnet = parseCidr(ovn.subnet);
  if (!subnet || subnet.address.kind() !== 'ipv4' || subnet.prefix > 30) {
    f.add(
      PATH,
      `OVN subnet '${ovn.subnet}' of network '${n}' is not an IPv4 subnet of /30 or larger; write it as 10.20.0.0/24.`,
    );
    return;
  }
  const inside = (what: string, addr: string | undefined) => {
    if (addr === undefined) return;
    const ip = parseIp(addr);
    if (!ip || ip.kind() !== 'ipv4' || !cidrContains(subnet, ip))
      f.add(PATH, `OVN ${what} '${addr}' of network '${n}' is not an address in its subnet ${ovn.subnet}.`);
  };
  inside('gateway', ovn.gateway);
  if (ovn.dhcp) {
    inside('DHCP range start', ovn.dhcp.start);
    inside('DHCP range end', ovn.dhcp.end);
    const [s, e] = [parseIp(ovn.dhcp.start), parseIp(ovn.dhcp.end)];
    if (s && e && s.kind() === e.kind() && compareIp(s, e) > 0)
      f.add(
        `${PATH}/dhcp`,
        `OVN DHCP range ${ovn.dhcp.start} - ${ovn.dhcp.end} of network '${n}' ends before it starts; swap them.`,
      );
    for (const d of ovn.dhcp.dns)
      if (!isValidIp(d, 'ipv4'))
        f.add(`${PATH}/dhcp`, `OVN DNS server '${d}' of network '${n}' is not an IPv4 address.`);
  }
  if (ovn.mtu !== undefined && (ovn.mtu < OVN_MTU_MIN || ovn.mtu > OVN_MTU_MAX))
    f.add(
      PATH,
      `OVN mtu ${ovn.mtu} of network '${n}' is out of range; use ${OVN_MTU_MIN} to ${OVN_MTU_MAX} (1442 on a 1500-byte underlay).`,
    );
  validateUplink(f, n, ovn);
}

/** The DHCP values that are not addresses: the domain and the lease time. */
function validateDhcpWords(f: Findings, n: string, dhcp: NonNullable<OvnSettings['dhcp']>): void {
  const problem = dhcp.domain === undefined ? undefined : dnsNameProblem(dhcp.domain);
  if (problem)
    f.add(
      `${PATH}/dhcp`,
      `OVN DHCP domain ${shown(dhcp.domain!)} of network '${n}' is not a DNS name (${problem}); use a name such as lab.example.`,
    );
  if (dhcp.leaseTime !== undefined && (dhcp.leaseTime < 1 || dhcp.leaseTime > MAX_LEASE_TIME))
    f.add(
      `${PATH}/dhcp`,
      `OVN DHCP leaseTime ${dhcp.leaseTime} of network '${n}' is out of range; use 1 to ${MAX_LEASE_TIME} seconds, such as 3600.`,
    );
}

function validateUplink(f: Findings, n: string, ovn: OvnSettings): void {
  const u = ovn.uplink;
  if (ovn.mode === 'isolated') {
    if (u)
      f.add(
        `${PATH}/uplink`,
        `isolated OVN network '${n}' has an uplink; remove <vnm:uplink> or use mode 'nat' or 'routed'.`,
      );
    return;
  }
  if (!u) {
    f.add(
      `${PATH}/uplink`,
      `OVN network '${n}' in mode '${ovn.mode}' needs <vnm:uplink chassis=… physnet=… address=… nexthop=…/> naming its gateway chassis.`,
    );
    return;
  }
  checkName(f, `${PATH}/uplink`, 'uplink chassis', n, u.chassis);
  checkName(f, `${PATH}/uplink`, 'uplink physnet', n, u.physnet);
  const addr = parseCidr(u.address);
  if (!addr || addr.address.kind() !== 'ipv4')
    f.add(
      `${PATH}/uplink`,
      `OVN uplink address '${u.address}' of network '${n}' needs a prefix, such as 198.51.100.10/24.`,
    );
  else if (!isValidIp(u.nexthop, 'ipv4') || !cidrContains(addr, parseIp(u.nexthop)!))
    f.add(
      `${PATH}/uplink`,
      `OVN uplink nexthop '${u.nexthop}' of network '${n}' is not an address on the uplink subnet ${u.address}.`,
    );
}
