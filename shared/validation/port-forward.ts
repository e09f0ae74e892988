/**
 * Port-forward rules (issue #14), pure so that vnmd, the CLI and the window (as the user types)
 * judge a forward the same way. Every problem is reported at once; each message says what to do.
 */
import type { IpDef, NetworkDef } from '../model/network';
import { networkKind } from '../model/network';
import type { PortForward, PortRange } from '../model/port-forward';
import {
  MAX_FORWARDS_PER_NETWORK,
  MAX_FORWARD_DESCRIPTION,
  forwardCovers,
  formatPortRange,
} from '../model/port-forward';
import { familyOf, formatIp, parseIp } from '../net/ip';
import type { IpAddress } from '../net/ip';
import { broadcastAddress, cidrContains, effectivePrefix, networkAddress } from '../net/subnet';
import type { Cidr } from '../net/subnet';

export type ForwardField =
  'protocol' | 'hostAddress' | 'hostPort' | 'guestAddress' | 'guestPort' | 'description' | 'network';

export interface ForwardProblem {
  readonly field: ForwardField;
  readonly message: string;
}

/** The networks other than the one being changed: only their names and forwards matter. */
export type OtherNetwork = Pick<NetworkDef, 'name' | 'forwards'>;

// C0, DEL, C1 and the Unicode line/paragraph separators: nothing a one-line label needs.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function portRangeProblems(range: PortRange, field: 'hostPort' | 'guestPort'): ForwardProblem[] {
  const what = field === 'hostPort' ? 'Host port' : 'Guest port';
  const bad = [range.start, range.end].find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
  if (bad !== undefined) {
    return [{ field, message: `${what} ${bad} is out of range; use a port from 1 to 65535.` }];
  }
  if (range.start > range.end) {
    return [
      {
        field,
        message: `${what} range ${range.start}-${range.end} is reversed; write the lower port first (${range.end}-${range.start}).`,
      },
    ];
  }
  return [];
}

interface Subnet {
  readonly ip: IpDef;
  readonly cidr: Cidr;
}

function subnetsOf(network: NetworkDef): Subnet[] {
  return network.ips.flatMap((ip) => {
    const address = ip.address === undefined ? undefined : parseIp(ip.address);
    const prefix = effectivePrefix(ip);
    return address && prefix !== undefined ? [{ ip, cidr: { address, prefix } }] : [];
  });
}

function guestAddressProblems(
  f: PortForward,
  network: NetworkDef,
  guest: IpAddress | undefined,
): ForwardProblem[] {
  const field = 'guestAddress';
  if (!guest) {
    return [
      {
        field,
        message: `Guest address '${f.guestAddress}' is not an IP address; type the guest's address such as 192.168.122.10.`,
      },
    ];
  }
  const subnets = subnetsOf(network);
  const subnet = subnets.find((s) => cidrContains(s.cidr, guest));
  if (!subnet) {
    const list = subnets.map((s) => `${formatIp(networkAddress(s.cidr))}/${s.cidr.prefix}`).join(', ');
    return [
      {
        field,
        message: `Guest address ${formatIp(guest)} is outside network '${network.name}' (${list || 'no subnet'}); use an address of a guest on this network.`,
      },
    ];
  }
  const text = formatIp(guest);
  const { cidr } = subnet;
  const v4 = familyOf(guest) === 'ipv4';
  if (text === formatIp(cidr.address)) {
    return [
      {
        field,
        message: `Guest address ${text} is the network's gateway (the host itself); use a guest's address.`,
      },
    ];
  }
  if ((v4 && cidr.prefix < 31) || !v4) {
    if (text === formatIp(networkAddress(cidr))) {
      return [
        {
          field,
          message: `Guest address ${text} is the network address of ${text}/${cidr.prefix}; use a guest's address.`,
        },
      ];
    }
  }
  if (v4 && cidr.prefix < 31 && text === formatIp(broadcastAddress(cidr))) {
    return [
      {
        field,
        message: `Guest address ${text} is the broadcast address of the network; use a guest's address.`,
      },
    ];
  }
  if (!v4 && network.forward?.nat?.ipv6 !== 'yes') {
    return [
      {
        field,
        message: `IPv6 guest ${text} is routed, not NATed, on network '${network.name}': reach it directly, or set <nat ipv6='yes'/> to forward to it.`,
      },
    ];
  }
  return [];
}

function hostAddressProblems(
  f: PortForward,
  network: NetworkDef,
  host: IpAddress | undefined,
  guest: IpAddress | undefined,
): ForwardProblem[] {
  if (f.hostAddress === undefined) return [];
  const field = 'hostAddress';
  if (!host) {
    return [
      {
        field,
        message: `Host address '${f.hostAddress}' is not an IP address; type one of the host's addresses, or leave it empty for all of them.`,
      },
    ];
  }
  if (subnetsOf(network).some((s) => cidrContains(s.cidr, host))) {
    return [
      {
        field,
        message: `Host address ${formatIp(host)} is inside network '${network.name}'; use an address of the host outside it (its uplink), or leave it empty.`,
      },
    ];
  }
  if (guest && familyOf(host) !== familyOf(guest)) {
    const hf = familyOf(host) === 'ipv4' ? 'IPv4' : 'IPv6';
    const gf = familyOf(guest) === 'ipv4' ? 'IPv4' : 'IPv6';
    return [
      {
        field,
        message: `Host address ${formatIp(host)} is ${hf} but the guest address is ${gf}; use a host address of the guest's family.`,
      },
    ];
  }
  return [];
}

function portsOverlap(a: PortRange, b: PortRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function sameHostAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true; // "every address" overlaps any address
  const pa = parseIp(a);
  const pb = parseIp(b);
  return pa && pb ? formatIp(pa) === formatIp(pb) : a === b;
}

/** Do two forwards claim a common host address + protocol + port? */
export function forwardsClash(a: PortForward, b: PortForward): boolean {
  return (
    forwardCovers(a.protocol, b.protocol) &&
    sameHostAddress(a.hostAddress, b.hostAddress) &&
    portsOverlap(a.hostPort, b.hostPort)
  );
}

function describeClaim(f: PortForward): string {
  return `${f.protocol} ${f.hostAddress ?? '*'}:${formatPortRange(f.hostPort)}`;
}

function clashProblems(
  f: PortForward,
  network: NetworkDef,
  others: readonly OtherNetwork[],
): ForwardProblem[] {
  const nets: OtherNetwork[] = [network, ...others.filter((o) => o.name !== network.name)];
  for (const net of nets) {
    const hit = (net.forwards ?? []).find((g) => forwardsClash(f, g));
    if (hit) {
      const where = net.name === network.name ? 'this network' : `network '${net.name}'`;
      return [
        {
          field: 'hostPort',
          message: `Host port ${formatPortRange(f.hostPort)} (${f.protocol}) is already forwarded by ${where} (${describeClaim(hit)} to ${hit.guestAddress}); choose another host port or address, or remove that forward first.`,
        },
      ];
    }
  }
  return [];
}

function networkProblems(network: NetworkDef): ForwardProblem[] {
  const kind = networkKind(network);
  const out: ForwardProblem[] = [];
  if (kind !== 'nat') {
    const why =
      kind === 'route' || kind === 'open'
        ? 'its guests are reachable directly by their own addresses'
        : 'it has no NAT to forward through';
    out.push({
      field: 'network',
      message: `Network '${network.name}' is ${kind === 'isolated' ? 'isolated' : `a ${kind} network`}: port forwards need a NAT network, and ${why}.`,
    });
  }
  if ((network.forwards?.length ?? 0) >= MAX_FORWARDS_PER_NETWORK) {
    out.push({
      field: 'network',
      message: `Network '${network.name}' already has ${MAX_FORWARDS_PER_NETWORK} port forwards, the most one network may hold; use a port range or remove some first.`,
    });
  }
  return out;
}

function descriptionProblems(description: string | undefined): ForwardProblem[] {
  if (description === undefined) return [];
  const field = 'description';
  const out: ForwardProblem[] = [];
  if (description.length > MAX_FORWARD_DESCRIPTION) {
    out.push({
      field,
      message: `Description is ${description.length} characters long; shorten it to at most ${MAX_FORWARD_DESCRIPTION}.`,
    });
  }
  if (CONTROL.test(description)) {
    out.push({
      field,
      message:
        'Description contains control characters (a line break, tab or escape); write it on one line without them.',
    });
  }
  return out;
}

/**
 * Every problem with adding `forward` to `network` (whose `forwards` are those already there),
 * given the other networks vnm knows; empty when it can be added.
 */
export function forwardProblems(
  forward: PortForward,
  network: NetworkDef,
  otherNetworks: readonly OtherNetwork[],
): ForwardProblem[] {
  const guest = parseIp(forward.guestAddress);
  const host = forward.hostAddress === undefined ? undefined : parseIp(forward.hostAddress);
  const hostPort = portRangeProblems(forward.hostPort, 'hostPort');
  const guestPort = portRangeProblems(forward.guestPort, 'guestPort');
  const lengths: ForwardProblem[] = [];
  const hostLen = forward.hostPort.end - forward.hostPort.start;
  const guestLen = forward.guestPort.end - forward.guestPort.start;
  if (hostPort.length === 0 && guestPort.length === 0 && hostLen !== guestLen) {
    lengths.push({
      field: 'guestPort',
      message: `Guest ports ${formatPortRange(forward.guestPort)} are ${guestLen + 1} ports but host ports ${formatPortRange(forward.hostPort)} are ${hostLen + 1}; give ranges of the same length (each host port maps to one guest port).`,
    });
  }
  return [
    ...networkProblems(network),
    ...(forward.protocol === 'tcp' || forward.protocol === 'udp' || forward.protocol === 'all'
      ? []
      : [
          {
            field: 'protocol' as const,
            message: `Protocol '${String(forward.protocol)}' is unknown; use tcp, udp or all.`,
          },
        ]),
    ...hostAddressProblems(forward, network, host, guest),
    ...hostPort,
    ...guestPort,
    ...lengths,
    ...guestAddressProblems(forward, network, guest),
    ...descriptionProblems(forward.description),
    ...(hostPort.length === 0 ? clashProblems(forward, network, otherNetworks) : []),
  ];
}

/**
 * Problems with the forwards a whole definition carries (net-define, net-edit): each forward
 * judged against the ones before it and against the other networks. `field` is prefixed with
 * the forward's position so a person can find it.
 */
export function definitionForwardProblems(
  network: NetworkDef,
  otherNetworks: readonly OtherNetwork[],
): { index: number; problem: ForwardProblem }[] {
  const all = network.forwards ?? [];
  const out: { index: number; problem: ForwardProblem }[] = [];
  all.forEach((forward, index) => {
    const before = { ...network, forwards: all.slice(0, index) };
    for (const problem of forwardProblems(forward, before, otherNetworks)) out.push({ index, problem });
  });
  return out;
}

/** The family rules in nft need: an IPv6 guest goes in ip6 rules, IPv4 in ip rules. */
export function forwardFamily(f: Pick<PortForward, 'guestAddress'>): 'ipv4' | 'ipv6' {
  return f.guestAddress.includes(':') ? 'ipv6' : 'ipv4';
}
