/**
 * The whole nftables ruleset as `nft -j list ruleset` prints it (iptables-nft rules
 * included), shaped for diagnosis: chains by table with their rules in order, and which of
 * them are base chains at which hook. Read-only: vnm never edits another tool's table.
 * Parsing only; read-ruleset.ts reads the kernel's.
 */

/** One expression of a rule, as nft's JSON schema writes it (libnftables-json(5)). */
export type NftExpr = Record<string, unknown>;

export interface NftRule {
  readonly handle: number;
  readonly expr: readonly NftExpr[];
  readonly comment: string | null;
}

export interface NftChain {
  readonly family: string;
  readonly table: string;
  readonly name: string;
  /** Set for base chains. */
  readonly hook: string | null;
  readonly type: string | null;
  readonly prio: number;
  readonly policy: 'accept' | 'drop';
  /** In order; xt-conntrack.ts may replace a rule by its readable equivalent. */
  readonly rules: NftRule[];
}

export interface NftRuleset {
  /** Chains by `family table name`. */
  readonly chains: ReadonlyMap<string, NftChain>;
}

export const chainKey = (family: string, table: string, name: string): string => `${family} ${table} ${name}`;

interface RawChain {
  family: string;
  table: string;
  name: string;
  hook?: string;
  type?: string;
  prio?: number;
  policy?: string;
}

interface RawRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  expr?: NftExpr[];
  comment?: string;
}

/** Pure: the ruleset from nft's JSON document. */
export function parseRuleset(doc: unknown): NftRuleset {
  const items = (doc as { nftables?: Record<string, unknown>[] } | null)?.nftables ?? [];
  const chains = new Map<string, NftChain>();
  for (const item of items) {
    const c = item.chain as RawChain | undefined;
    if (!c) continue;
    chains.set(chainKey(c.family, c.table, c.name), {
      family: c.family,
      table: c.table,
      name: c.name,
      hook: c.hook ?? null,
      type: c.type ?? null,
      prio: typeof c.prio === 'number' ? c.prio : 0,
      policy: c.policy === 'drop' ? 'drop' : 'accept',
      rules: [],
    });
  }
  for (const item of items) {
    const r = item.rule as RawRule | undefined;
    if (!r) continue;
    chains.get(chainKey(r.family, r.table, r.chain))?.rules.push({
      handle: r.handle,
      expr: r.expr ?? [],
      comment: r.comment ?? null,
    });
  }
  return { chains };
}

/** Names of the chains of one table (to tell Docker's or ufw's tables by their chains). */
export function tableChains(ruleset: NftRuleset, family: string, table: string): string[] {
  return [...ruleset.chains.values()]
    .filter((c) => c.family === family && c.table === table)
    .map((c) => c.name);
}
