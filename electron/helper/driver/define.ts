/**
 * Checks and fill-ins on a definition before it is stored or started, as libvirt's
 * virNetworkObjAssignDef and networkBridgeNameValidate: UUID and name pairs must match,
 * bridge names are unique among managed networks, missing bridge names and MACs are assigned.
 */
import { randomUUID } from 'node:crypto';
import type { NetworkDef } from '../../../shared/model/network';
import { isManagedBridgeKind, networkKind } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';
import { assignBridgeAndMac } from './allocate';
import { linkNames } from '../bridge/proc-net';
import type { NetworkEntry, NetworkTable } from './table';
import { normalUuid } from './table';

export function checkUuid(table: NetworkTable, def: NetworkDef): string {
  const existing = table.get(def.name);
  if (def.uuid) {
    const uuid = normalUuid(def.uuid);
    const other = table.byUuid(uuid);
    if (other && other.name !== def.name) {
      throw new VnmError(
        'conflict',
        `network '${other.name}' is already defined with uuid ${uuid}; give this network another <uuid> or leave it out.`,
      );
    }
    if (existing && existing.uuid !== uuid) {
      throw new VnmError(
        'conflict',
        `network '${def.name}' already exists with uuid ${existing.uuid}; use that uuid or leave <uuid> out to redefine it.`,
      );
    }
    return uuid;
  }
  return existing?.uuid ?? randomUUID();
}

function managedBridge(def: NetworkDef | null): string | undefined {
  return def && isManagedBridgeKind(networkKind(def)) ? def.bridge?.name : undefined;
}

/** Bridge names other networks hold, with the network holding each. */
function bridgesOfOthers(table: NetworkTable, name: string): Map<string, string> {
  const held = new Map<string, string>();
  for (const e of table.all()) {
    if (e.name === name) continue;
    for (const b of [managedBridge(e.config), managedBridge(e.live), e.status?.bridge ?? undefined]) {
      if (b) held.set(b, e.name);
    }
  }
  return held;
}

/**
 * Gives the definition its UUID, bridge name and MAC. A new bridge name also skips names in
 * use on the host, as libvirt does.
 */
export async function completeDefinition(table: NetworkTable, def: NetworkDef): Promise<NetworkDef> {
  const uuid = checkUuid(table, def);
  const existing: NetworkEntry | undefined = table.get(def.name);
  const others = bridgesOfOthers(table, def.name);
  const previous = existing?.config ?? existing?.live ?? null;
  const needsName = isManagedBridgeKind(networkKind(def)) && !def.bridge?.name && !previous?.bridge?.name;
  const hostLinks = needsName || def.bridge?.name?.includes('%d') ? [...(await linkNames())] : [];
  const taken = new Set([...others.keys(), ...hostLinks]);
  const done = assignBridgeAndMac({ ...def, uuid }, previous, taken);
  const bridge = managedBridge(done);
  const holder = bridge ? others.get(bridge) : undefined;
  if (bridge && holder) {
    throw new VnmError(
      'conflict',
      `bridge name '${bridge}' is already used by network '${holder}'; choose another <bridge name> or leave it out.`,
    );
  }
  return done;
}
