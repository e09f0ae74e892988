/**
 * Puts back what the running networks need in nft (adopt at vnmd start, see verify.ts):
 * a network that misses a chain, a rule or a map element has its rules installed again (one
 * transaction that replaces what it still has); a table whose own sets or base chains are
 * gone is deleted and built again with every running network's rules, since no network's
 * rules work without them.
 */
import { applyNftScript, type Firewall } from './nft';
import type { FirewallPlan } from './plan';
import { buildNetworkRules } from './rules';
import type { NetworkRules } from './rules';
import { TABLE_FAMILY, VNM_TABLE } from './table-name';
import { checkTable, listVnmTable } from './verify';

export interface FirewallRepair {
  /** What each repaired network had lost. */
  readonly repaired: Map<string, string[]>;
  /** Why a network's rules could not be put back. */
  readonly failed: Map<string, string>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function repairFirewall(
  firewall: Firewall,
  plans: readonly FirewallPlan[],
): Promise<FirewallRepair> {
  const repaired = new Map<string, string[]>();
  const failed = new Map<string, string>();
  const expected = plans.map((p) => buildNetworkRules(p)).filter((r): r is NetworkRules => r !== null);
  // What vnmd's queue knows is read from the kernel again, so its transactions fit.
  await firewall.readFirewallState();
  const check = checkTable(await listVnmTable(), expected);
  let todo = [...check.networks.keys()];
  if (check.base.length > 0) {
    const T = `${TABLE_FAMILY} ${VNM_TABLE}`;
    await applyNftScript(`add table ${T}\ndelete table ${T}\n`, `to delete the broken table ${T}`);
    await firewall.readFirewallState();
    todo = expected.map((r) => r.network);
    for (const name of todo) repaired.set(name, check.base);
  }
  for (const name of todo) {
    const plan = plans.find((p) => p.network === name)!;
    try {
      await firewall.applyNetworkRules(plan);
      if (!repaired.has(name)) repaired.set(name, check.networks.get(name) ?? []);
    } catch (err) {
      repaired.delete(name);
      failed.set(name, message(err));
    }
  }
  return { repaired, failed };
}
