/** What the wizard knows about the host and its networks, for its proposals and checks. */
import type { HostInterface, NetworkSummary } from '@shared/rpc/contract';
import type { OvnOffer } from './ovn-offer';
import { OVN_UNKNOWN } from './ovn-offer';

export interface OwnedSubnet {
  /** CIDR form. */
  readonly subnet: string;
  /** Who holds it, as a sentence fragment: "network 'default'", "eth0 on this host". */
  readonly owner: string;
}

export interface WizardContext {
  readonly existingNames: readonly string[];
  /** Subnets of defined networks, then subnets on the host's interfaces. */
  readonly takenSubnets: readonly OwnedSubnet[];
  /** Existing host bridges that no vnm network owns: the choices for Bridge mode. */
  readonly hostBridges: readonly string[];
  /** Host devices traffic can leave through: the choices for "Forward to". */
  readonly forwardDevices: readonly string[];
  /** Whether this host can create an OVN network, and its proposals for one. */
  readonly ovn: OvnOffer;
}

export const EMPTY_CONTEXT: WizardContext = {
  existingNames: [],
  takenSubnets: [],
  hostBridges: [],
  forwardDevices: [],
  ovn: OVN_UNKNOWN,
};

/** The subnet of an interface address: 10.0.0.5/24 -> 10.0.0.0/24 (checked later by parse). */
function interfaceSubnets(ifaces: readonly HostInterface[]): OwnedSubnet[] {
  return ifaces.flatMap((i) => i.addresses.map((a) => ({ subnet: a, owner: `${i.name} on this host` })));
}

/**
 * Builds the context from vnmd's answers. A bridge of a vnm network is not offered for Bridge
 * mode nor as a forward device; loopback, guest ports (interfaces with a master) and ifb
 * devices (a shaped network's outbound queue, which only hands packets back) neither.
 */
export function buildContext(
  networks: readonly NetworkSummary[],
  subnets: ReadonlyMap<string, readonly string[]>,
  ifaces: readonly HostInterface[],
  ovn: OvnOffer = OVN_UNKNOWN,
): WizardContext {
  const vnmBridges = new Set(networks.map((n) => n.bridge).filter((b): b is string => b !== null));
  const free = ifaces.filter(
    (i) => !vnmBridges.has(i.name) && i.type !== 'loopback' && i.type !== 'ifb' && i.master === null,
  );
  return {
    existingNames: networks.map((n) => n.name),
    takenSubnets: [
      ...networks.flatMap((n) =>
        (subnets.get(n.name) ?? []).map((s) => ({ subnet: s, owner: `network '${n.name}'` })),
      ),
      ...interfaceSubnets(ifaces),
    ],
    hostBridges: free.filter((i) => i.type === 'bridge').map((i) => i.name),
    forwardDevices: free.map((i) => i.name),
    ovn,
  };
}
