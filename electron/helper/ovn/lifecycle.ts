/**
 * Starting and stopping an OVN network. vnmd makes nothing on this host: the network is its
 * northbound objects, which every chassis's ovn-controller turns into flows. The runtime status
 * is written first, naming the northbound database, so a vnmd killed half-way finds the network
 * and removes what its tags say it made.
 */
import { hostname } from 'node:os';
import type { NetworkDef } from '../../../shared/model/network';
import type { OvnSettings } from '../../../shared/model/ovn';
import { VnmError } from '../../../shared/rpc/errors';
import { Revert } from '../revert';
import type { RunStatus, StatusStore } from '../store/status-store';
import type { OvnConfig } from './config';
import { createOvnObjects, removeOvnObjects } from './northbound';
import type { OvnNetworkRef } from './objects';

export function ovnRef(def: NetworkDef & { ovn: OvnSettings }): OvnNetworkRef {
  if (!def.uuid)
    throw new VnmError('internal', `Network '${def.name}' has no UUID. Please report this as a bug.`);
  return { name: def.name, uuid: def.uuid, ovn: def.ovn, host: hostname() };
}

export async function startOvnNetwork(
  def: NetworkDef & { ovn: OvnSettings },
  cfg: OvnConfig,
  statusStore: StatusStore,
  base: RunStatus,
): Promise<RunStatus> {
  const ref = ovnRef(def);
  const status: RunStatus = { ...base, created: { ...base.created, ovn: { nbDb: cfg.nbDb } } };
  await statusStore.save({ ...status, phase: 'starting' });
  const r = new Revert();
  r.add(() => statusStore.remove(def.name), 'remove the runtime status');
  try {
    await createOvnObjects(cfg, ref, r);
    await statusStore.save(status);
    r.success();
    return status;
  } catch (err) {
    await r.revert();
    const why = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
    const left = r.failures.map(
      (f) => `${f.what}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    );
    const restored = left.length
      ? `; undoing the earlier steps also failed (${left.join('; ')})`
      : '; nothing of it was left in OVN';
    const kind = err instanceof VnmError && err.kind !== 'internal' ? err.kind : 'operation-failed';
    throw new VnmError(kind, `Failed to start OVN network '${def.name}': ${why}${restored}.`);
  }
}

/** Removes the network's northbound objects; the database is the one it was started on. */
export async function stopOvnNetwork(status: RunStatus, cfg: OvnConfig): Promise<void> {
  const nbDb = status.created.ovn?.nbDb ?? cfg.nbDb;
  await removeOvnObjects({ ...cfg, nbDb }, { name: status.name, uuid: status.uuid });
}
