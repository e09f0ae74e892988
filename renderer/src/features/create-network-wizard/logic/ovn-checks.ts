/**
 * Checks of the fields only an OVN network has, as typed: the guests' MTU, the logical
 * switch's name, DHCP's DNS servers and, for NAT and Routed, the uplink. The subnet, gateway
 * and range are the IPv4 fields' own checks (checks.ts); validate-ovn judges the result.
 */
import type { Cidr } from '@shared/net';
import {
  cidrContains,
  cidrOverlaps,
  familyOf,
  formatCidr,
  networkAddress,
  parseCidr,
  parseIp,
  sameIp,
} from '@shared/net';
import { OVN_MTU_MAX, OVN_MTU_MIN, OVN_NAME, OVN_NAME_RULE } from '@shared/validation/validate-ovn';
import type { WizardChoices } from '@shared/wizard/choices';
import { dnsServers, hasUplink } from '@shared/wizard/ovn-choices';
import type { OvnOffer } from './ovn-offer';
import { proposedOvnMtu } from './ovn-offer';
import type { FieldKey } from './steps';

type Errors = Partial<Record<FieldKey, string>>;

function mtuProblem(text: string, offer: OvnOffer): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const proposal = proposedOvnMtu(offer);
  if (!/^\d+$/.test(t)) return `'${t}' is not a number of bytes: enter one such as ${proposal}.`;
  const mtu = Number(t);
  if (mtu < OVN_MTU_MIN || mtu > OVN_MTU_MAX)
    return `An MTU of ${mtu} is out of range: use ${OVN_MTU_MIN} to ${OVN_MTU_MAX} (${proposal} fits this host’s underlay).`;
  return undefined;
}

/** vnmd's rule for the names vnm writes into OVN (validate-ovn), said as the wizard says things. */
function nameProblem(t: string, what: string): string | undefined {
  if (t.length > 64) return `The ${what} is ${t.length} characters long: shorten it to 64 at most.`;
  return OVN_NAME.test(t) ? undefined : `'${t}' is not a usable ${what}: ${OVN_NAME_RULE}.`;
}

function switchProblem(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const problem = nameProblem(t, 'switch name');
  return problem && `${problem.replace(/\.$/, '')}, or leave it empty for vnm-NAME.`;
}

function dnsProblem(text: string): string | undefined {
  const bad = dnsServers(text).find((d) => {
    const ip = parseIp(d);
    return !ip || familyOf(ip) !== 'ipv4';
  });
  return bad === undefined
    ? undefined
    : `'${bad}' is not an IPv4 address: enter DNS servers such as 192.0.2.53, separated by spaces.`;
}

function uplinkAddressProblem(text: string, subnet: Cidr | undefined): string | undefined {
  const t = text.trim();
  if (t === '') return 'Enter the router’s address on the uplink with its prefix, such as 198.51.100.10/24.';
  const cidr = parseCidr(t);
  if (!cidr || familyOf(cidr.address) !== 'ipv4')
    return `'${t}' is not an IPv4 address with a prefix: write it as 198.51.100.10/24.`;
  if (cidr.prefix > 30) return `/${cidr.prefix} leaves no room for a next hop: use a prefix up to /30.`;
  if (sameIp(cidr.address, networkAddress(cidr)))
    return `${t} is the uplink subnet’s own address: give the router a host address in it.`;
  if (subnet && cidrOverlaps(subnet, cidr))
    return `The uplink ${formatCidr({ address: networkAddress(cidr), prefix: cidr.prefix })} overlaps the network’s own subnet: the uplink is the outside, choose its address there.`;
  return undefined;
}

function nexthopProblem(text: string, addressText: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'Enter the next hop: the uplink router that OVN’s router sends outside traffic to.';
  const ip = parseIp(t);
  if (!ip || familyOf(ip) !== 'ipv4') return `'${t}' is not an IPv4 address: enter one such as 198.51.100.1.`;
  const uplink = parseCidr(addressText.trim());
  if (!uplink) return undefined;
  if (!cidrContains(uplink, ip))
    return `${t} is not on the uplink ${formatCidr({ address: networkAddress(uplink), prefix: uplink.prefix })}: the next hop must be reachable there.`;
  if (sameIp(ip, uplink.address)) return `${t} is the router’s own uplink address: enter the next router’s.`;
  return undefined;
}

function uplinkErrors(c: WizardChoices, subnet: Cidr | undefined): Errors {
  const errors: Errors = {};
  const chassis = c.uplinkChassis.trim();
  const chassisProblem =
    chassis === ''
      ? 'Enter the gateway chassis: the system-id of the host whose uplink the router uses.'
      : nameProblem(chassis, 'chassis name');
  if (chassisProblem) errors.uplinkChassis = chassisProblem;
  const physnet = c.uplinkPhysnet.trim();
  const physnetProblem =
    physnet === ''
      ? 'Enter the physical network name that the gateway chassis maps to a bridge (ovn-bridge-mappings).'
      : nameProblem(physnet, 'physical network name');
  if (physnetProblem) errors.uplinkPhysnet = physnetProblem;
  const address = uplinkAddressProblem(c.uplinkAddress, subnet);
  if (address) errors.uplinkAddress = address;
  const nexthop = nexthopProblem(c.uplinkNexthop, c.uplinkAddress);
  if (nexthop) errors.uplinkNexthop = nexthop;
  return errors;
}

/** The OVN-only fields' problems; `subnet` is the network's once valid, for the uplink's overlap. */
export function ovnFieldErrors(c: WizardChoices, offer: OvnOffer, subnet: Cidr | undefined): Errors {
  const errors: Errors = {};
  const mtu = mtuProblem(c.ovnMtu, offer);
  if (mtu) errors.ovnMtu = mtu;
  const name = switchProblem(c.ovnSwitch);
  if (name) errors.ovnSwitch = name;
  const dns = c.ipv4Dhcp ? dnsProblem(c.ovnDns) : undefined;
  if (dns) errors.ovnDns = dns;
  return hasUplink(c.ovnMode) ? { ...errors, ...uplinkErrors(c, subnet) } : errors;
}

/** Why the mode cannot be chosen here, as the mode's own problem. */
export function ovnReadyProblem(offer: OvnOffer): string | undefined {
  if (offer.ready) return undefined;
  const first = offer.problems[0] ?? 'OVN is not ready';
  const reason = `${first.charAt(0).toLowerCase()}${first.slice(1)}`.replace(/\.?$/, '.');
  return `OVN networks cannot be created on this host: ${reason}`;
}
