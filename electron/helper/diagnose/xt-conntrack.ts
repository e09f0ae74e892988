/**
 * iptables-nft keeps `-m conntrack --ctstate` (and `-m state`) as an opaque xt match that
 * `nft -j` shows only by name. Docker's and libvirt's rules depend on it, so for the tables
 * that hold one, `iptables-save` is read too: its rules of a chain come in nft's order,
 * and each opaque match is replaced by the `ct state` match it stands for.
 */
import { run } from '../exec';
import type { NftExpr, NftRuleset } from './nft-ruleset';

const isCtXt = (e: NftExpr) => {
  const xt = e.xt as { type?: string; name?: string } | undefined;
  return xt?.type === 'match' && (xt.name === 'conntrack' || xt.name === 'state');
};

/** Pure: `-A CHAIN ...` lines of one iptables-save table, by chain, in order. */
export function rulesByChain(save: string, table: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) current = line.slice(1).trim();
    if (current !== table || !line.startsWith('-A ')) continue;
    const chain = line.split(' ')[1]!;
    out.set(chain, [...(out.get(chain) ?? []), line]);
  }
  return out;
}

/** Pure: the `ct state` match an iptables rule line's conntrack/state match means, or null. */
export function ctStateMatch(line: string): NftExpr | null {
  const m = /(!\s+)?--(?:ctstate|state)\s+(\S+)/.exec(line);
  if (!m) return null;
  const states = m[2]!.toLowerCase().split(',');
  return { match: { op: m[1] ? '!=' : 'in', left: { ct: { key: 'state' } }, right: states } };
}

/** Pure: the ruleset with opaque conntrack matches of `family table` replaced from `save`. */
export function applySave(rs: NftRuleset, family: string, table: string, save: string): void {
  const lines = rulesByChain(save, table);
  for (const chain of rs.chains.values()) {
    if (chain.family !== family || chain.table !== table) continue;
    const text = lines.get(chain.name) ?? [];
    if (text.length !== chain.rules.length) continue;
    chain.rules.forEach((rule, i) => {
      const ct = ctStateMatch(text[i]!);
      if (!ct || !rule.expr.some(isCtXt)) return;
      chain.rules[i] = { ...rule, expr: rule.expr.map((e) => (isCtXt(e) ? ct : e)) };
    });
  }
}

/** Completes the ruleset for every ip/ip6 table that has such a match. */
export async function resolveXtConntrack(rs: NftRuleset): Promise<void> {
  const tables = new Set<string>();
  for (const c of rs.chains.values()) {
    if ((c.family === 'ip' || c.family === 'ip6') && c.rules.some((r) => r.expr.some(isCtXt))) {
      tables.add(`${c.family} ${c.table}`);
    }
  }
  for (const key of tables) {
    const [family, table] = key.split(' ') as [string, string];
    const cmd = family === 'ip' ? 'iptables-save' : 'ip6tables-save';
    const save = await run(cmd, ['-t', table]).then(
      (r) => r.stdout,
      () => '',
    );
    applySave(rs, family, table, save);
  }
}
