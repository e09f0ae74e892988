/** net-port-create, -list, -dumpxml, -delete on one network entry (the driver holds its lock). */
import type { NetworkPortDef } from '../../../shared/model/network-port';
import type { NetworkPortSummary } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { parseNetworkPortXml } from '../../../shared/xml/parse-network-port';
import { canonicalUuid } from '../../../shared/xml/uuid';
import { isOvnNetwork } from '../../../shared/model/network';
import { ovnConfig } from '../ovn/config';
import { ovnRef } from '../ovn/lifecycle';
import { addOvnPort, removeOvnPort } from '../ovn/ports';
import { allocatePort, ovsInterfaceId } from './port-allocate';
import type { PortRegistry } from './ports';
import type { NetworkEntry } from './table';

/** Ports exist only on running networks, as in libvirt. */
export function runningBridge(e: NetworkEntry): string {
  const bridge = e.status?.bridge;
  if (!e.live || !bridge) {
    throw new VnmError(
      'conflict',
      `Requested operation is not valid: network '${e.name}' is not active; start it with vnm net-start ${e.name} first.`,
    );
  }
  return bridge;
}

export function summarizePort(p: NetworkPortDef): NetworkPortSummary {
  return { uuid: p.uuid, ownerName: p.ownerName, ownerUuid: p.ownerUuid, mac: p.mac };
}

/** The port of that UUID on the running network, or an error naming what to do. */
export function lookupPort(ports: PortRegistry, e: NetworkEntry, ref: string): NetworkPortDef {
  runningBridge(e);
  const uuid = canonicalUuid(ref);
  if (!uuid) {
    throw new VnmError(
      'invalid-argument',
      `invalid argument: '${ref}' is not a valid port UUID; vnm net-port-list ${e.name} lists the ports.`,
    );
  }
  const port = ports.find(e.name, uuid);
  if (!port) {
    throw new VnmError(
      'not-found',
      `network port not found: Network port with UUID ${uuid} does not exist; vnm net-port-list ${e.name} lists the ports.`,
    );
  }
  return port;
}

/** Parses, completes and records a port; nothing is stored when any step refuses. */
export async function createPort(ports: PortRegistry, e: NetworkEntry, xml: string): Promise<NetworkPortDef> {
  const parsed = parseNetworkPortXml(xml);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const where = first?.line !== undefined ? ` (line ${first.line})` : '';
    throw new VnmError(
      'invalid-argument',
      `${first?.message ?? 'the XML is not a network port'}${where}`,
      parsed.errors.map((x) => `${x.element}: ${x.message}`).join('\n'),
    );
  }
  const bridge = runningBridge(e);
  const port = allocatePort(e.live!, bridge, parsed.def, ports.list(e.name));
  const live = e.live!;
  if (isOvnNetwork(live)) {
    // The switch port first: a port vnm records must exist in OVN for its guest to plug in.
    const cfg = ovnConfig();
    await addOvnPort(cfg, ovnRef(live), ovsInterfaceId(port), port.mac);
    try {
      await ports.add(e.name, port);
    } catch (err) {
      await removeOvnPort(cfg, ovnRef(live), ovsInterfaceId(port)).catch(() => undefined);
      throw err;
    }
    return port;
  }
  await ports.add(e.name, port);
  return port;
}

/** Forgets a port; on an OVN network its Logical_Switch_Port goes first. */
export async function deletePort(ports: PortRegistry, e: NetworkEntry, port: NetworkPortDef): Promise<void> {
  const live = e.live;
  if (live && isOvnNetwork(live)) await removeOvnPort(ovnConfig(), ovnRef(live), ovsInterfaceId(port));
  await ports.remove(e.name, port.uuid);
}
