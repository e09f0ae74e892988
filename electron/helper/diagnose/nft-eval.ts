/**
 * What a base chain does to a probe packet: its rules in order, jumps followed, then its
 * policy. Kept honest but simple: a rule whose matches all hold decides; a rule with a
 * match this evaluator does not understand is skipped but remembered, so a drop after an
 * accept it could not judge is reported as "maybe" (warn), never as certain.
 */
import { matchHolds, type Probe } from './nft-match';
import { chainKey, type NftChain, type NftExpr, type NftRuleset } from './nft-ruleset';

export type Verdict = 'accept' | 'drop';

export interface ChainOutcome {
  readonly verdict: Verdict;
  /** Where the verdict came from: `ip filter FORWARD policy drop`, or a rule. */
  readonly by: string;
  /** An earlier rule this evaluator could not judge that might have given the other verdict. */
  readonly maybe: string | null;
}

/** Rules skipped because a match could not be judged, by what they would have done. */
interface Unjudged {
  mayAccept: string | null;
  mayDrop: string | null;
}

interface Walk {
  /** null: the chain ended (or returned) without a verdict. */
  verdict: Verdict | null;
  by: string;
}

const TERMINAL_ACCEPT = ['accept', 'masquerade', 'snat', 'dnat', 'redirect'];

function ruleName(c: NftChain, handle: number, what: string): string {
  return `${c.family} ${c.table} ${c.name} rule ${handle} (${what})`;
}

/** A rule's verdict statement: what it does when its matches hold. */
function statementOf(
  exprs: readonly NftExpr[],
): { kind: 'accept' | 'drop' | 'return' | 'jump' | 'goto' | 'unknown'; target?: string } | null {
  for (const e of exprs) {
    const key = Object.keys(e)[0] ?? '';
    if (TERMINAL_ACCEPT.includes(key)) return { kind: 'accept' };
    if (key === 'drop' || key === 'reject') return { kind: 'drop' };
    if (key === 'return') return { kind: 'return' };
    if (key === 'jump' || key === 'goto') {
      return { kind: key, target: (e[key] as { target: string }).target };
    }
    if (key === 'xt') {
      const xt = e.xt as { type?: string; name?: string };
      if (xt.type !== 'target') continue;
      if (xt.name === 'REJECT') return { kind: 'drop' };
      if (xt.name === 'ACCEPT') return { kind: 'accept' };
      return null; // LOG, MARK...: not a verdict
    }
    if (key === 'vmap' || key === 'queue') return { kind: 'unknown' };
  }
  return null;
}

/** Whether all of the rule's matches hold: true, false, or null (one we cannot judge). */
function rulesMatch(exprs: readonly NftExpr[], p: Probe): boolean | null {
  let unknown = false;
  for (const e of exprs) {
    const key = Object.keys(e)[0] ?? '';
    if (key === 'match') {
      const r = matchHolds(e.match as { op?: string; left: NftExpr; right: unknown }, p);
      if (r === false) return false;
      if (r === null) unknown = true;
    } else if (key === 'xt') {
      // A comment (`-m comment`) matches every packet; any other xt match is opaque here.
      const xt = e.xt as { type?: string; name?: string };
      if (xt.type === 'match' && xt.name !== 'comment') unknown = true;
    } else if (key === 'limit' || key === 'quota' || key === 'fib') unknown = true;
  }
  return unknown ? null : true;
}

function walk(rs: NftRuleset, chain: NftChain, p: Probe, depth: number, u: Unjudged): Walk {
  const none: Walk = { verdict: null, by: '' };
  if (depth > 16) return none;
  for (const rule of chain.rules) {
    const st = statementOf(rule.expr);
    if (!st) continue;
    const m = rulesMatch(rule.expr, p);
    if (m === false) continue;
    if (m === null || st.kind === 'unknown') {
      const name = ruleName(chain, rule.handle, m === null ? 'a match vnm cannot judge' : 'a verdict map');
      if (st.kind !== 'drop' && st.kind !== 'return') u.mayAccept ??= name;
      if (st.kind !== 'accept' && st.kind !== 'return') u.mayDrop ??= name;
      continue;
    }
    if (st.kind === 'accept' || st.kind === 'drop') {
      return { verdict: st.kind, by: ruleName(chain, rule.handle, st.kind) };
    }
    if (st.kind === 'return') return none;
    const target = rs.chains.get(chainKey(chain.family, chain.table, st.target!));
    if (!target) continue;
    const sub = walk(rs, target, p, depth + 1, u);
    if (sub.verdict) return sub;
    if (st.kind === 'goto') return none;
  }
  return none;
}

/** The base chain's verdict on the probe. */
export function evaluateBaseChain(rs: NftRuleset, chain: NftChain, p: Probe): ChainOutcome {
  const u: Unjudged = { mayAccept: null, mayDrop: null };
  const w = walk(rs, chain, p, 0, u);
  const verdict = w.verdict ?? chain.policy;
  const by = w.verdict ? w.by : `${chain.family} ${chain.table} ${chain.name} policy ${chain.policy}`;
  return { verdict, by, maybe: verdict === 'drop' ? u.mayAccept : u.mayDrop };
}

/** Whether a chain of this table family sees packets of this IP family. */
export function familySees(tableFamily: string, family: 4 | 6): boolean {
  if (tableFamily === 'inet') return true;
  return tableFamily === (family === 4 ? 'ip' : 'ip6');
}
