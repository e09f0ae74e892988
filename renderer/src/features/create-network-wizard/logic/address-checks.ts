/**
 * Checks of the address fields as typed: the network (CIDR), the gateway and a DHCP range,
 * for IPv4 and IPv6. Each problem is one sentence saying what is wrong and what to do.
 * Arithmetic comes from shared/net; the range's size and order from libvirt's own rule
 * (shared/validation/range.ts).
 */
import type { IpFamily } from '@shared/model/network';
import type { Cidr, IpAddress } from '@shared/net';
import {
  broadcastAddress,
  cidrContains,
  cidrOverlaps,
  familyOf,
  formatCidr,
  networkAddress,
  parseCidr,
  parseIp,
  sameIp,
} from '@shared/net';
import { rangeProblem } from '@shared/validation/range';
import type { OwnedSubnet } from './context';
import { addressDefaults } from './proposals';

export type Checked<T> = { readonly value: T; readonly problem?: undefined } | { readonly problem: string };

const EXAMPLE = { ipv4: '192.168.100.0/24', ipv6: 'fd12:3456:789a:1::/64' } as const;
const NAME = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;
const other = (f: IpFamily): IpFamily => (f === 'ipv4' ? 'ipv6' : 'ipv4');

/** Ranges a network of guests cannot use, with what they are. */
const RESERVED: Record<IpFamily, readonly [string, string][]> = {
  ipv4: [
    ['0.0.0.0/8', 'the "this network" range'],
    ['127.0.0.0/8', 'the loopback range'],
    ['169.254.0.0/16', 'the link-local range'],
    ['224.0.0.0/4', 'the multicast range'],
    ['240.0.0.0/4', 'a reserved range'],
  ],
  ipv6: [
    ['::/8', 'a reserved range (loopback, unspecified and IPv4-mapped addresses)'],
    ['fe80::/10', 'the link-local range'],
    ['ff00::/8', 'the multicast range'],
  ],
};

function prefixProblem(family: IpFamily, prefix: number): string | undefined {
  if (family === 'ipv4' && (prefix < 8 || prefix > 30)) {
    return `Use a prefix from /8 to /30: /${prefix} ${prefix > 30 ? 'leaves no room for guests' : 'is larger than any private range'}.`;
  }
  if (family === 'ipv6' && prefix !== 64) {
    return `Use a /64 prefix: guests configure IPv6 (router advertisements, DHCPv6) only on /64 networks, not /${prefix}.`;
  }
  return undefined;
}

/** Parses "address/prefix" with messages that say which half is wrong. */
function parseNetworkText(text: string, family: IpFamily): Checked<Cidr> {
  const t = text.trim();
  if (t === '')
    return { problem: `Enter the ${NAME[family]} network in CIDR form, such as ${EXAMPLE[family]}.` };
  const slash = t.lastIndexOf('/');
  const addrText = slash < 0 ? t : t.slice(0, slash);
  const address = parseIp(addrText);
  if (!address) {
    return {
      problem: `'${addrText}' is not an ${NAME[family]} address: write the network as ${EXAMPLE[family]}.`,
    };
  }
  if (familyOf(address) !== family) {
    return {
      problem: `${addrText} is an ${NAME[other(family)]} address: enter an ${NAME[family]} network here, such as ${EXAMPLE[family]}.`,
    };
  }
  if (slash < 0)
    return { problem: `Add the prefix length, as in ${addrText}/${family === 'ipv4' ? 24 : 64}.` };
  const prefixText = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) {
    return { problem: `'/${prefixText}' is not a prefix length: use a number, as in ${EXAMPLE[family]}.` };
  }
  const prefix = Number(prefixText);
  const problem = prefixProblem(family, prefix);
  return problem ? { problem } : { value: { address, prefix } };
}

function overlapProblem(cidr: Cidr, taken: readonly OwnedSubnet[]): string | undefined {
  const text = formatCidr(cidr);
  for (const [range, what] of RESERVED[familyOf(cidr.address)]) {
    const reserved = parseCidr(range);
    if (reserved && cidrOverlaps(reserved, cidr))
      return `${text} is in ${what} ${range}: choose a private network.`;
  }
  for (const t of taken) {
    const used = parseCidr(t.subnet);
    if (!used || !cidrOverlaps(used, cidr)) continue;
    const subnet = formatCidr({ address: networkAddress(used), prefix: used.prefix });
    if (subnet === text) return `${text} is already used by ${t.owner}: choose another network.`;
    return `${text} overlaps ${subnet} of ${t.owner}: choose another network.`;
  }
  return undefined;
}

/** The "Network" field: a free, usable network of the family; the parsed CIDR when it is one. */
export function checkNetwork(text: string, family: IpFamily, taken: readonly OwnedSubnet[]): Checked<Cidr> {
  const parsed = parseNetworkText(text, family);
  if (parsed.problem !== undefined) return parsed;
  const cidr = parsed.value;
  const net = networkAddress(cidr);
  if (!sameIp(net, cidr.address)) {
    const fixed = formatCidr({ address: net, prefix: cidr.prefix });
    return {
      problem: `${text.trim()} is not a network address (its host part is not zero): use ${fixed}, and put the host's address in the gateway.`,
    };
  }
  const problem = overlapProblem(cidr, taken);
  return problem ? { problem } : parsed;
}

/** Only the spelling of an address, for while its network is not valid yet. */
export function checkAddressSyntax(text: string, family: IpFamily): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const addr = parseIp(t);
  if (addr && familyOf(addr) === family) return undefined;
  return `'${t}' is not an ${NAME[family]} address: enter one such as ${family === 'ipv4' ? '192.168.100.1' : 'fd12:3456:789a:1::1'}.`;
}

export type AddressRole = 'gateway' | 'start' | 'end';
const ROLE: Record<AddressRole, string> = { gateway: 'the gateway', start: 'DHCP start', end: 'DHCP end' };

/** An address inside the network that is neither its network, broadcast nor gateway address. */
export function checkHostAddress(
  text: string,
  network: Cidr,
  role: AddressRole,
  gateway?: IpAddress,
): Checked<IpAddress> {
  const family = familyOf(network.address);
  const t = text.trim();
  const cidr = formatCidr(network);
  const example = addressDefaults(network).gateway;
  if (t === '') return { problem: `Enter ${ROLE[role]} address, an address inside ${cidr}.` };
  const addr = parseIp(t);
  if (!addr || familyOf(addr) !== family) {
    return {
      problem: `'${t}' is not an ${NAME[family]} address: enter one inside ${cidr}, such as ${example}.`,
    };
  }
  if (!cidrContains(network, addr))
    return { problem: `${t} is outside ${cidr}: choose an address inside it.` };
  if (sameIp(addr, networkAddress(network))) {
    return {
      problem: `${t} is the network address of ${cidr}: choose a higher address, such as ${example}.`,
    };
  }
  if (family === 'ipv4' && sameIp(addr, broadcastAddress(network))) {
    return { problem: `${t} is the broadcast address of ${cidr}: choose a lower address.` };
  }
  if (gateway && role !== 'gateway' && sameIp(addr, gateway)) {
    return {
      problem: `${t} is the gateway's address: ${role === 'start' ? 'start' : 'end'} the range at another address.`,
    };
  }
  return { value: addr };
}

/** Start and end together: in order and no larger than libvirt allows. */
export function checkRangeOrder(start: IpAddress, end: IpAddress): string | undefined {
  const problem = rangeProblem(start, end);
  if (!problem) return undefined;
  const sentence = problem.charAt(0).toUpperCase() + problem.slice(1);
  if (!problem.includes('too large')) return `${sentence}.`;
  const block = familyOf(start) === 'ipv4' ? '/16' : '/96';
  return `${sentence}: make it smaller, with start and end in the same ${block}.`;
}
