/**
 * The kernel's ruleset, read for diagnosis: nft's JSON, parsed, with the xt conntrack matches
 * that nft -j cannot print filled in from iptables-save. Apart from nft-ruleset.ts, which
 * xt-conntrack.ts needs for its types, so neither imports the other.
 */
import { runJson } from '../exec';
import type { NftRuleset } from './nft-ruleset';
import { parseRuleset } from './nft-ruleset';
import { resolveXtConntrack } from './xt-conntrack';

/** The kernel's ruleset now, in this network namespace. */
export async function readRuleset(): Promise<NftRuleset> {
  const rs = parseRuleset(await runJson<unknown>('nft', ['-j', 'list', 'ruleset'], { timeoutMs: 10_000 }));
  await resolveXtConntrack(rs);
  return rs;
}
