/**
 * Does the `inet vnm` table still hold what the running networks need? Someone may have
 * deleted the table, a chain, a rule or a map element while vnmd was away (libvirt reloads
 * its rules at start for the same reason). checkTable compares a listing with the expected
 * rules: the base sets, maps and chains, and each network's chains (with their rule counts)
 * and map elements. A rule edited in place keeps its count and is not noticed: nft prints
 * rules in a form of its own, which the text vnm writes cannot be compared with cheaply.
 */
import { runJson } from '../exec';
import type { NetworkRules } from './rules';
import { baseShape } from './script';
import type { NftJson } from './state';
import { parseState } from './state';
import { TABLE_FAMILY, VNM_TABLE } from './table-name';

export interface TableCheck {
  /** What is wrong with the table itself (missing, base chain or set gone): rebuild it. */
  readonly base: string[];
  /** What each network (by name) misses; networks missing nothing are absent. */
  readonly networks: Map<string, string[]>;
}

function entries(json: NftJson | null, kind: string): Record<string, unknown>[] {
  return (json?.nftables ?? []).map((e) => e[kind]).filter((x): x is Record<string, unknown> => !!x);
}

function ruleCounts(json: NftJson | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const chain of entries(json, 'chain')) counts.set(String(chain.name), 0);
  for (const rule of entries(json, 'rule')) {
    const chain = String(rule.chain);
    counts.set(chain, (counts.get(chain) ?? 0) + 1);
  }
  return counts;
}

/** `vnm`: the listing of `nft -j list table inet vnm`, or null when there is no such table. */
export function checkTable(vnm: NftJson | null, expected: readonly NetworkRules[]): TableCheck {
  const networks = new Map<string, string[]>();
  if (!vnm || entries(vnm, 'table').length === 0) {
    return { base: expected.length > 0 ? [`table ${TABLE_FAMILY} ${VNM_TABLE} is missing`] : [], networks };
  }
  const base: string[] = [];
  const shape = baseShape();
  const sets = new Set([...entries(vnm, 'set'), ...entries(vnm, 'map')].map((s) => String(s.name)));
  for (const set of shape.sets) if (!sets.has(set)) base.push(`set ${set} is missing`);
  const counts = ruleCounts(vnm);
  for (const [chain, rules] of shape.chains) {
    const have = counts.get(chain);
    if (have === undefined) base.push(`chain ${chain} is missing`);
    else if (have !== rules) base.push(`chain ${chain} has ${have} rules instead of ${rules}`);
  }
  const tables = { nftables: [{ table: { family: TABLE_FAMILY, name: VNM_TABLE } }] };
  const owned = parseState(tables, vnm).networks;
  for (const rules of expected) {
    const missing: string[] = [];
    for (const chain of rules.chains) {
      const have = counts.get(chain.name);
      if (have === undefined) missing.push(`chain ${chain.name} is missing`);
      else if (have !== chain.rules.length)
        missing.push(`chain ${chain.name} has ${have} rules instead of ${chain.rules.length}`);
    }
    const elements = new Set((owned.get(rules.key)?.elements ?? []).map((e) => `${e.set} ${e.key}`));
    for (const e of rules.elements) {
      if (!elements.has(`${e.set} ${e.key}`)) missing.push(`element ${e.key} of ${e.set} is missing`);
    }
    if (missing.length > 0) networks.set(rules.network, missing);
  }
  return { base, networks };
}

/** The vnm table as nft lists it now, or null when it does not exist. */
export async function listVnmTable(): Promise<NftJson | null> {
  const tables = await runJson<NftJson | null>('nft', ['-j', 'list', 'tables', TABLE_FAMILY]);
  const names = entries(tables, 'table').map((t) => String(t.name));
  if (!names.includes(VNM_TABLE)) return null;
  return runJson<NftJson | null>('nft', ['-j', 'list', 'table', TABLE_FAMILY, VNM_TABLE]);
}
