/**
 * Creating and removing one OVN network's northbound objects. Each step is one ovn-nbctl
 * transaction (all of it or nothing) that registers its undo on the revert stack; removal
 * finds the rows by vnm's tags, so it takes exactly what vnm made, also after a crash.
 */
import { ovnSwitchName } from '../../../shared/model/ovn';
import { VnmError } from '../../../shared/rpc/errors';
import type { Revert } from '../revert';
import { injectedFailureAt } from '../inject';
import type { OvnConfig } from './config';
import { findUuids, nbctl, ovsdbString } from './nbctl';
import type { OvnNetworkRef } from './objects';
import { routerCommands, routerNames, switchCommands, tags, TAGGED_ROOTS } from './objects';

/** Refuses a name some other row already holds (OVN allows duplicate switch names; vnm does not). */
async function checkNamesFree(cfg: OvnConfig, ref: OvnNetworkRef): Promise<void> {
  const names: [string, string][] = [['Logical_Switch', ovnSwitchName(ref.name, ref.ovn)]];
  if (ref.ovn.mode !== 'isolated') {
    const n = routerNames(ref.name);
    names.push(['Logical_Router', n.router], ['Logical_Switch', n.uplinkSwitch]);
  }
  for (const [table, name] of names) {
    const found = await findUuids(cfg, table, [`name=${ovsdbString(name)}`]);
    if (found.length > 0) {
      throw new VnmError(
        'conflict',
        `OVN's northbound database already has a ${table} named '${name}' (${found[0]}); name the switch differently in <vnm:ovn switch=…>, or remove that one if it is a leftover.`,
      );
    }
  }
}

/**
 * Rows of this network left by this host (a destroy that could not reach the database, a vnmd
 * killed mid-start) are removed before a start; another host's are refused: the network may
 * run there.
 */
async function clearOwnLeftovers(cfg: OvnConfig, ref: OvnNetworkRef): Promise<void> {
  const all = await findUuids(cfg, 'Logical_Switch', tags(ref));
  if (all.length === 0) return;
  const own = ref.host
    ? await findUuids(cfg, 'Logical_Switch', [...tags(ref), `external_ids:vnm-host=${ovsdbString(ref.host)}`])
    : [];
  if (own.length < all.length) {
    throw new VnmError(
      'conflict',
      `OVN network '${ref.name}' already has its logical switch in the northbound database, made by vnm on another host; it runs there: destroy it on that host first.`,
    );
  }
  await removeOvnObjects(cfg, ref);
}

/** Creates the switch (+ DHCP) and, for nat and routed, the router; each undone on failure. */
export async function createOvnObjects(cfg: OvnConfig, ref: OvnNetworkRef, r: Revert): Promise<void> {
  await clearOwnLeftovers(cfg, ref);
  await checkNamesFree(cfg, ref);
  await nbctl(cfg, switchCommands(ref));
  r.add(
    () => removeOvnObjects(cfg, ref, ['Logical_Switch', 'DHCP_Options']).then(() => undefined),
    'remove the OVN logical switch',
  );
  injectedFailureAt('ovn-switch');
  if (ref.ovn.mode === 'isolated') return;
  await nbctl(cfg, routerCommands(ref));
  r.add(
    () => removeOvnObjects(cfg, ref, ['Logical_Router', 'Logical_Switch']).then(() => undefined),
    'remove the OVN logical router',
  );
  injectedFailureAt('ovn-router');
}

/**
 * Removes every root row tagged with this network (their ports, NAT rules, routes and gateway
 * chassis go with them, as OVSDB collects unreferenced child rows) in one transaction; returns
 * how many roots went.
 */
export async function removeOvnObjects(
  cfg: OvnConfig,
  ref: Pick<OvnNetworkRef, 'name' | 'uuid'>,
  tables: readonly (typeof TAGGED_ROOTS)[number][] = TAGGED_ROOTS,
): Promise<number> {
  const found = await Promise.all(tables.map(async (t) => [t, await findUuids(cfg, t, tags(ref))] as const));
  const args: string[] = [];
  for (const [table, uuids] of found) {
    for (const uuid of uuids) {
      if (table === 'Logical_Switch') args.push('--', '--if-exists', 'ls-del', uuid);
      else if (table === 'Logical_Router') args.push('--', '--if-exists', 'lr-del', uuid);
      else args.push('--', '--if-exists', 'destroy', table, uuid);
    }
  }
  if (args.length > 0) await nbctl(cfg, args);
  return args.filter((a) => a === '--').length;
}

/** Every row of vnm's tag in the tables a network touches, by table (for tests and checks). */
export async function listOvnObjects(
  cfg: OvnConfig,
  ref: Pick<OvnNetworkRef, 'name' | 'uuid'>,
): Promise<Record<string, number>> {
  const tables = [
    ...TAGGED_ROOTS,
    'Logical_Switch_Port',
    'Logical_Router_Port',
    'NAT',
    'Logical_Router_Static_Route',
    'Gateway_Chassis',
  ];
  const counts = await Promise.all(
    tables.map(async (t) => [t, (await findUuids(cfg, t, tags(ref))).length] as const),
  );
  return Object.fromEntries(counts.filter(([, c]) => c > 0));
}
