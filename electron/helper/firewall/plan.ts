/**
 * What the firewall of one running network must do, and its validation: a plan that passes
 * checkPlan() turns into an nft script that nft accepts, so a bad value is refused here with
 * a message that names it, never as an nft syntax error.
 */
import { VnmError } from '../../../shared/rpc/errors';
import { assertLinkName } from '../bridge/links';
import { formatCidr, parseAddress, parseCidr } from '../../../shared/net/cidr';
import type { PortForward } from '../../../shared/model/port-forward';
import { checkForward } from './forward-rules';
import type { CheckedForward } from './forward-rules';
import { firewallTableName } from './table-name';

export type FirewallMode = 'nat' | 'route' | 'isolated' | 'open';

export interface FirewallPlan {
  readonly network: string;
  readonly bridge: string;
  readonly mode: FirewallMode;
  readonly ipv4: readonly { readonly subnet: string }[];
  readonly ipv6: readonly { readonly subnet: string }[];
  /** <forward dev='...'>: forwarding only to and from this device. */
  readonly forwardDev?: string;
  readonly nat?: {
    readonly addressStart?: string;
    readonly addressEnd?: string;
    readonly portStart?: number;
    readonly portEnd?: number;
    /** <nat ipv6='yes'>: masquerade IPv6 too instead of routing it. */
    readonly ipv6?: boolean;
  };
  /** Port forwards (nat only): see forward-rules.ts. */
  readonly forwards?: readonly PortForward[];
  /** An IPv4 <ip> has <tftp>: guests may send TFTP requests (udp/69) to the host. */
  readonly tftp?: boolean;
}

/** A plan after validation: canonical subnets, defaults filled in. */
export interface CheckedPlan {
  readonly table: string;
  readonly network: string;
  readonly bridge: string;
  readonly mode: FirewallMode;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  readonly forwardDev: string | null;
  readonly natAddresses: { readonly start: string; readonly end: string | null } | null;
  readonly natPorts: { readonly start: number; readonly end: number };
  readonly natIpv6: boolean;
  readonly forwards: readonly CheckedForward[];
  readonly tftp: boolean;
}

const MODES: readonly FirewallMode[] = ['nat', 'route', 'isolated', 'open'];

function invalid(message: string): VnmError {
  return new VnmError('invalid-argument', message);
}

function checkSubnets(list: readonly { subnet: string }[] | undefined, family: 4 | 6): string[] {
  return (list ?? []).map(({ subnet }) => {
    const cidr = parseCidr(subnet);
    if (cidr.family !== family) {
      throw invalid(`The subnet '${subnet}' is not an IPv${family} subnet: list it under ipv${cidr.family}.`);
    }
    return formatCidr(cidr);
  });
}

function checkNatAddresses(nat: FirewallPlan['nat']): CheckedPlan['natAddresses'] {
  if (nat?.addressStart === undefined) {
    if (nat?.addressEnd !== undefined)
      throw invalid('The NAT address range has an end but no start: give both.');
    return null;
  }
  const start = parseAddress(nat.addressStart);
  if (start?.family !== 4) {
    throw invalid(
      `The NAT start address '${nat.addressStart}' is not an IPv4 address: write it as 192.0.2.10.`,
    );
  }
  if (nat.addressEnd === undefined) return { start: nat.addressStart, end: null };
  const end = parseAddress(nat.addressEnd);
  if (end?.family !== 4) {
    throw invalid(`The NAT end address '${nat.addressEnd}' is not an IPv4 address: write it as 192.0.2.20.`);
  }
  if (end.value < start.value) {
    throw invalid(
      `The NAT address range ${nat.addressStart}-${nat.addressEnd} ends before it starts: swap them.`,
    );
  }
  return { start: nat.addressStart, end: nat.addressEnd };
}

/** libvirt's rule: no ports means 1024-65535 (guests never get privileged source ports). */
function checkNatPorts(nat: FirewallPlan['nat']): CheckedPlan['natPorts'] {
  const start = nat?.portStart ?? 0;
  const end = nat?.portEnd ?? 0;
  if (start === 0 && end === 0) return { start: 1024, end: 65535 };
  const whole = Number.isInteger(start) && Number.isInteger(end);
  if (!whole || start < 0 || !(start < end) || end > 65535) {
    throw invalid(
      `Invalid port range '${start}-${end}': the start must be below the end, and the end at most 65535.`,
    );
  }
  return { start, end };
}

/** Validates a plan; throws an invalid-argument VnmError naming the first bad value. */
export function checkPlan(plan: FirewallPlan): CheckedPlan {
  if (typeof plan.network !== 'string' || plan.network === '') {
    throw invalid('The firewall plan has no network name: give the name of the network.');
  }
  if (!MODES.includes(plan.mode)) {
    throw invalid(`The firewall mode '${String(plan.mode)}' is unknown: use nat, route, isolated or open.`);
  }
  assertLinkName(plan.bridge, 'bridge name');
  if ((plan.forwards?.length ?? 0) > 0 && plan.mode !== 'nat') {
    throw invalid(`Network '${plan.network}' is not a NAT network: port forwards need one.`);
  }
  if (plan.forwardDev !== undefined) assertLinkName(plan.forwardDev, 'forward device');
  return {
    table: firewallTableName(plan.network),
    network: plan.network,
    bridge: plan.bridge,
    mode: plan.mode,
    ipv4: checkSubnets(plan.ipv4, 4),
    ipv6: checkSubnets(plan.ipv6, 6),
    forwardDev: plan.forwardDev ?? null,
    natAddresses: plan.mode === 'nat' ? checkNatAddresses(plan.nat) : null,
    natPorts: plan.mode === 'nat' ? checkNatPorts(plan.nat) : { start: 1024, end: 65535 },
    natIpv6: plan.mode === 'nat' && plan.nat?.ipv6 === true,
    forwards: (plan.forwards ?? []).map(checkForward),
    tftp: plan.tftp === true,
  };
}
