/**
 * Settings libvirt accepts and applies with knowledge vnm does not have: vnmd refuses to
 * start a network holding one, saying why and what to do, rather than start it and silently
 * leave the setting out (issue 16: never accept and ignore).
 *
 * The first two come from libvirt applying them while it plugs a guest in, from the guest's
 * own interface config; vnm plugs no guests in (VMs' taps and the sandbox's veths are enslaved
 * by others), so it knows neither which ports are guests on a host bridge nor guests' MACs.
 * A network-wide <bandwidth> is shaped with tc at start (shaping/), on the bridges vnm makes;
 * a host bridge vnm does not own is refused. A floor belongs on a network port (net-port-create,
 * port-floor.ts), never on the network, as libvirt's parser says.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { networkKind } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';

/** Throws the first setting of `def` vnm cannot apply; checked before anything is changed. */
export function checkApplicable(def: NetworkDef): void {
  const reason = unapplicableReason(def);
  if (reason) throw new VnmError('unsupported', reason);
}

export function unapplicableReason(def: NetworkDef): string | null {
  const n = def.name;
  const bridge = def.bridge?.name ?? '';
  if (def.bridge?.macTableManager === 'libvirt') {
    // libvirt turns vlan_filtering on at start, then for each guest tap it plugs in turns
    // learning and unicast flooding off and adds a static FDB entry for the MAC in the
    // domain's <interface>; without those MACs every unicast frame to a guest would be lost.
    return `Network '${n}' asks for <bridge macTableManager='libvirt'/>, which needs each guest's MAC from its domain XML to fill the bridge's forwarding table, and vnm does not plug guests in; remove macTableManager='libvirt' (or set it to 'kernel') so the bridge learns guests' MACs itself.`;
  }
  if (def.portIsolated === 'yes' && networkKind(def) === 'bridge') {
    // libvirt isolates only the guest taps it plugs into the host bridge; every other port
    // (the uplink above all) must stay unisolated, and vnm cannot tell them apart.
    return `Network '${n}' asks for <port isolated='yes'/> on the host bridge '${bridge}', where vnm cannot tell guest ports from the uplink; remove <port isolated='yes'/>, or set 'isolated on' on each guest's bridge port yourself (ip link set dev PORT type bridge_slave isolated on).`;
  }
  const bw = def.bandwidth;
  if (bw?.inbound?.floor !== undefined || bw?.outbound?.floor !== undefined) {
    // Validation refuses it as libvirt does; this catches a definition that skipped it.
    return `Network '${n}' has a <bandwidth> floor: floor attribute is not supported for this config (a floor is a guarantee for one guest port); remove it from the network and give it to the port's <bandwidth> (vnm net-port-create).`;
  }
  if ((bw?.inbound || bw?.outbound) && networkKind(def) === 'bridge') {
    return `Network '${n}' has a <bandwidth> limit on the host bridge '${bridge}', which vnm does not own and does not shape; remove <bandwidth>, or shape the bridge with tc yourself.`;
  }
  return null;
}
