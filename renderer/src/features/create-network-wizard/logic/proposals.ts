/**
 * What the wizard proposes: a free name, and for a network the gateway and DHCP range that
 * follow it until the person edits them (as virt-manager's wizard does).
 */
import type { IpFamily } from '@shared/model/network';
import type { Cidr } from '@shared/net';
import { familyOf, formatIp, fromBigInt, networkAddress, parseCidr, subnetSize, toBigInt } from '@shared/net';
import type { WizardChoices } from '@shared/wizard/choices';

/** network, network1, network2, ...: the first not taken. */
export function proposeName(existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has('network')) return 'network';
  for (let i = 1; ; i++) if (!taken.has(`network${i}`)) return `network${i}`;
}

export interface AddressDefaults {
  readonly gateway: string;
  readonly start: string;
  readonly end: string;
}

/**
 * Gateway: the first host. IPv4 DHCP: the upper half of the subnet, broadcast excluded; above
 * a /16 only the first 65,534 addresses of it, since libvirt refuses larger ranges. IPv6 DHCP:
 * ::100 to ::1ff, as virt-manager proposes.
 */
export function addressDefaults(cidr: Cidr): AddressDefaults {
  const family = familyOf(cidr.address);
  const base = toBigInt(networkAddress(cidr));
  const size = subnetSize(cidr);
  const at = (offset: bigint) => formatIp(fromBigInt(base + offset, family));
  // The first address after the network's own (IPv6 too: ::0 is the subnet-router anycast).
  const gateway = at(1n);
  if (family === 'ipv6') return { gateway, start: at(0x100n), end: at(0x1ffn) };
  const half = size / 2n;
  if (cidr.prefix >= 16) return { gateway, start: at(half), end: at(size - 2n) };
  return { gateway, start: at(half + 1n), end: at(half + 0xfffen) };
}

/** The defaults for a typed network, or undefined while it is not one of the family. */
export function defaultsFor(text: string, family: IpFamily): AddressDefaults | undefined {
  const cidr = parseCidr(text.trim());
  if (!cidr || familyOf(cidr.address) !== family) return undefined;
  const min = family === 'ipv4' ? 8 : 64;
  const max = family === 'ipv4' ? 30 : 64;
  if (cidr.prefix < min || cidr.prefix > max) return undefined;
  return addressDefaults(cidr);
}

/** Fields that follow their network until edited. */
export type FollowingKey = 'ipv4Gateway' | 'ipv4Start' | 'ipv4End' | 'ipv6Gateway' | 'ipv6Start' | 'ipv6End';

const FOLLOWERS: Record<IpFamily, readonly [FollowingKey, keyof AddressDefaults][]> = {
  ipv4: [
    ['ipv4Gateway', 'gateway'],
    ['ipv4Start', 'start'],
    ['ipv4End', 'end'],
  ],
  ipv6: [
    ['ipv6Gateway', 'gateway'],
    ['ipv6Start', 'start'],
    ['ipv6End', 'end'],
  ],
};

/** The choices with the family's unedited fields moved to follow its network. */
export function followNetwork(
  choices: WizardChoices,
  family: IpFamily,
  edited: ReadonlySet<FollowingKey>,
): WizardChoices {
  const defaults = defaultsFor(family === 'ipv4' ? choices.ipv4Network : choices.ipv6Network, family);
  if (!defaults) return choices;
  let next = choices;
  for (const [key, part] of FOLLOWERS[family])
    if (!edited.has(key)) next = { ...next, [key]: defaults[part] };
  return next;
}
