/**
 * Whether the wizard can offer "Spanning hosts (OVN)" on this host, from vnmd's host.ovn, and
 * what it proposes from it. A host that is no OVN chassis (or a vnmd too old to say) still
 * shows the mode, disabled, with what to install or set: a mode that silently vanishes would
 * leave a person wondering where it went.
 */
import type { HostInterface, OvnHostFacts } from '@shared/rpc/contract';
import { DEFAULT_UNDERLAY_MTU, GENEVE_OVERHEAD } from '@shared/model/ovn';
import { parseCidr, parseIp, sameIp } from '@shared/net';
import { physnetsOf } from '@shared/wizard/ovn-choices';

export interface OvnOffer {
  readonly ready: boolean;
  /** Why the mode cannot be chosen, each with what to do; empty when ready. */
  readonly problems: readonly string[];
  /** This chassis's system-id: the proposed gateway chassis. */
  readonly systemId: string | null;
  /** Physical network names this chassis maps to bridges. */
  readonly physnets: readonly string[];
  /** The underlay: the interface holding the encap IP, and its MTU. */
  readonly underlay: { readonly name: string; readonly mtu: number } | null;
}

/** Said while vnmd has not answered yet (the wizard shows a progress bar then anyway). */
export const OVN_UNKNOWN: OvnOffer = {
  ready: false,
  problems: ['vnm is still asking vnmd whether OVN runs on this host.'],
  systemId: null,
  physnets: [],
  underlay: null,
};

/** A capital first letter, unless the sentence starts with a program's name (ovs-vswitchd, ovn-controller). */
const sentence = (s: string) =>
  !s || /^[a-z]+-[a-z-]+\b/.test(s) ? s : `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function underlayOf(encapIp: string | null, ifaces: readonly HostInterface[]): OvnOffer['underlay'] {
  const ip = encapIp ? parseIp(encapIp) : undefined;
  if (!ip) return null;
  const iface = ifaces.find((i) =>
    i.addresses.some((a) => {
      const cidr = parseCidr(a);
      return cidr !== undefined && sameIp(cidr.address, ip);
    }),
  );
  return iface ? { name: iface.name, mtu: iface.mtu } : null;
}

export function ovnOfferOf(facts: OvnHostFacts, ifaces: readonly HostInterface[]): OvnOffer {
  return {
    ready: facts.ready,
    problems: facts.ready ? [] : facts.problems.map(sentence),
    systemId: facts.systemId,
    physnets: physnetsOf(facts.bridgeMappings),
    underlay: underlayOf(facts.encapIp, ifaces),
  };
}

/** When host.ovn itself fails: most often a vnmd from before OVN, which does not know the call. */
export function ovnOfferFailed(message: string): OvnOffer {
  return {
    ...OVN_UNKNOWN,
    problems: [
      `vnmd did not say whether OVN runs on this host (${message}): update vnm on this host to a version with OVN networks.`,
    ],
  };
}

/** The guests' MTU to propose: the underlay's less Geneve's overhead (1442 on 1500). */
export function proposedOvnMtu(offer: OvnOffer): number {
  return (offer.underlay?.mtu ?? DEFAULT_UNDERLAY_MTU) - GENEVE_OVERHEAD;
}
