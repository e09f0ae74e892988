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
import type { WizardChoices } from '@shared/wizard/choices';
import { dnsServers, hasUplink } from '@shared/wizard/ovn-choices';
import type { OvnOffer } from './ovn-offer';
import { proposedOvnMtu } from './ovn-offer';
import type { FieldKey } from './steps';

type Errors = Partial<Record<FieldKey, string>>;

/** validate-ovn's range: IPv4's minimum to a jumbo frame. */
const MTU_MIN = 576;
const MTU_MAX = 9000;

function mtuProblem(text: string, offer: OvnOffer): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const proposal = proposedOvnMtu(offer);
  if (!/^\d+$/.test(t)) return `'${t}' is not a number of bytes: enter one such as ${proposal}.`;
  const mtu = Number(t);
  if (mtu < MTU_MIN || mtu > MTU_MAX)
    return `An MTU of ${mtu} is out of range: use ${MTU_MIN} to ${MTU_MAX} (${proposal} fits this host’s underlay).`;
  return undefined;
}

/** OVN takes any name, but vnm's tags and ovn-nbctl lines read best without spaces or quotes. */
function switchProblem(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.length > 64) return `The switch name is ${t.length} characters long: shorten it to 64 at most.`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(t))
    return `'${t}' is not a usable switch name: use letters, digits, '.', '-' and '_', or leave it empty for vnm-NAME.`;
  return undefined;
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
  if (c.uplinkChassis.trim() === '')
    errors.uplinkChassis =
      'Enter the gateway chassis: the system-id of the host whose uplink the router uses.';
  const physnet = c.uplinkPhysnet.trim();
  if (physnet === '')
    errors.uplinkPhysnet =
      'Enter the physical network name that the gateway chassis maps to a bridge (ovn-bridge-mappings).';
  else if (!/^[A-Za-z0-9._-]+$/.test(physnet))
    errors.uplinkPhysnet = `'${physnet}' cannot be a physical network name: use letters, digits, '.', '-' and '_'.`;
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
