/**
 * Whether a network port's <bandwidth> fits its network, as libvirt's networkCheckBandwidth
 * decides at port creation, in its words: a floor needs a network vnm runs a bridge for and an
 * inbound limit on it, and the floors of the network's ports together may not exceed the
 * network's inbound peak (or, without a peak, its average). A floor that fits gets the first
 * free htb class id from 3 up (1:1 and 1:2 are the network's own), as libvirt's class_id.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { isManagedBridgeKind, networkKind } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { VnmError } from '../../../shared/rpc/errors';
import { portBandwidthProblem } from '../../../shared/validation/validate-port';

/** The port's inbound floor in kB/s; 0 when it has none. */
export const floorOf = (p: Pick<NetworkPortDef, 'bandwidth'>): number => p.bandwidth?.inbound?.floor ?? 0;

/** The lowest class id from 3 up that no other port holds. */
export function nextClassId(others: readonly NetworkPortDef[]): number {
  const taken = new Set(others.map((p) => p.classId));
  let id = 3;
  while (taken.has(id)) id++;
  return id;
}

/**
 * Throws libvirt's error when the port's bandwidth cannot be had on `net` beside `others`
 * (the network's other ports); returns the floor's class id, or undefined without a floor.
 */
export function checkPortBandwidth(
  net: NetworkDef,
  bridge: string,
  port: NetworkPortDef,
  others: readonly NetworkPortDef[],
): number | undefined {
  const problem = portBandwidthProblem(port.bandwidth);
  if (problem) throw new VnmError('invalid-argument', `${problem} Fix the port's <bandwidth>.`);
  const floor = floorOf(port);
  if (floor === 0) return undefined;
  const mac = port.mac;
  if (!isManagedBridgeKind(networkKind(net))) {
    throw new VnmError(
      'unsupported',
      `Operation not supported: Invalid use of 'floor' on interface with MAC address ${mac} - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none; remove the floor from the port's <bandwidth>.`,
    );
  }
  const netIn = net.bandwidth?.inbound;
  if (netIn?.average === undefined) {
    throw new VnmError(
      'unsupported',
      `Operation not supported: Invalid use of 'floor' on interface with MAC address ${mac} - network '${net.name}' has no inbound QoS set; give the network an <inbound average=…> or remove the port's floor.`,
    );
  }
  const sum = others.reduce((s, p) => s + floorOf(p), floor);
  const [what, limit] = netIn.peak ? ['peak', netIn.peak] : ['average', netIn.average];
  if (sum > limit) {
    throw new VnmError(
      'conflict',
      `Requested operation is not valid: Cannot plug '${mac}' interface into '${bridge}' because new combined inbound floor=${sum} would overcommit ${what}=${limit} on network '${net.name}'; lower the port's floor, delete another port with a floor, or raise the network's inbound ${what}.`,
    );
  }
  return nextClassId(others);
}
