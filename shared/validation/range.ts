/**
 * Address ranges (DHCP ranges, NAT address ranges) checked as libvirt's
 * virSocketAddrGetRange does, with its messages.
 */
import type { IpAddress } from '../net/ip';
import { familyOf, formatIp, toBigInt } from '../net/ip';
import { broadcastAddress, cidrContains, networkAddress } from '../net/subnet';

export interface RangeNetwork {
  readonly address: IpAddress;
  /** undefined when the netmask is not contiguous. */
  readonly prefix: number | undefined;
}

/** The problem with a range, or undefined when it is usable. */
export function rangeProblem(start: IpAddress, end: IpAddress, network?: RangeNetwork): string | undefined {
  const s = formatIp(start);
  const e = formatIp(end);
  const range = `${s} - ${e}`;
  if (start.kind() !== end.kind()) return `mismatch of address family in range ${range}`;
  if (network) {
    const problem = networkProblem(start, end, range, network);
    if (problem) return problem;
  }
  return sizeProblem(start, end, range);
}

function networkProblem(
  start: IpAddress,
  end: IpAddress,
  range: string,
  network: RangeNetwork,
): string | undefined {
  const net = formatIp(network.address);
  if (start.kind() !== network.address.kind()) {
    return `mismatch of address family in range ${range} for network ${net}: use addresses of the <ip>'s family`;
  }
  const prefix = network.prefix;
  if (prefix === undefined) {
    return `bad prefix for network ${net} when checking range ${range}: the netmask is not contiguous`;
  }
  const cidr = { address: network.address, prefix };
  const where = `network ${net}/${prefix}`;
  if (!cidrContains(cidr, start) || !cidrContains(cidr, end)) {
    return `range ${range} is not entirely within ${where}: choose start and end inside the subnet`;
  }
  if (familyOf(start) === 'ipv4') {
    if (toBigInt(start) === toBigInt(networkAddress(cidr))) {
      return `start of range ${range} in ${where} is the network address: start the range at least one address higher`;
    }
    if (toBigInt(end) === toBigInt(broadcastAddress(cidr))) {
      return `end of range ${range} in ${where} is the broadcast address: end the range at least one address lower`;
    }
  }
  return undefined;
}

/** libvirt's legacy limit: the range may differ only in the last 16 bits (IPv4) or 32 (IPv6). */
function sizeProblem(start: IpAddress, end: IpAddress, range: string): string | undefined {
  const a = toBigInt(start);
  const b = toBigInt(end);
  const lowBits = familyOf(start) === 'ipv4' ? 16n : 32n;
  if (a >> lowBits !== b >> lowBits) return `range ${range} is too large (> 65535)`;
  if (b < a) return `range ${range} is reversed: the start address must not be above the end`;
  return undefined;
}
