/**
 * Coexistence with Docker (issue 13): Docker sets iptables' filter FORWARD policy to DROP,
 * and in nftables every base chain at a hook must accept, so a network's own accepts do not
 * help. Docker's documented place for other tools is the DOCKER-USER chain; when it exists,
 * vnm puts accepts for the network's traffic there, else (a FORWARD drop policy without
 * Docker) in FORWARD itself, as libvirt's iptables backend does. Every rule carries the
 * comment `vnm:NETWORK`, so destroy removes exactly those, and nothing else is touched.
 */
import { run, runJson } from '../exec';
import type { FirewallPlan } from '../firewall';
import { firewallTableName } from '../firewall/table-name';

export interface RawChains {
  nftables?: { chain?: { family: string; table: string; name: string; policy?: string } }[];
}

/** Every chain of every table (`nft -j list chains`), read once per start for both coexist checks. */
export function listChains(): Promise<RawChains | null> {
  return runJson<RawChains>('nft', ['-j', 'list', 'chains']).catch(() => null);
}

type Family = 'ip' | 'ip6';
const TOOL: Record<Family, string> = { ip: 'iptables', ip6: 'ip6tables' };

/** The tag of a network's rules; names outside a safe set are encoded as vnm's nft names are. */
export function dockerComment(network: string): string {
  return `vnm:${/^[A-Za-z0-9_.-]+$/.test(network) ? network : firewallTableName(network)}`;
}

/** Where to put accepts in one family: DOCKER-USER, FORWARD with a drop policy, or nowhere. */
function targetChains(doc: RawChains | null): Map<Family, string> {
  const out = new Map<Family, string>();
  for (const family of ['ip', 'ip6'] as const) {
    const chains = (doc?.nftables ?? [])
      .map((i) => i.chain)
      .filter((c) => c?.family === family && c.table === 'filter');
    const names = chains.map((c) => c!.name);
    const forwardDrop = chains.some((c) => c!.name === 'FORWARD' && c!.policy === 'drop');
    const chain = names.includes('DOCKER-USER') ? 'DOCKER-USER' : forwardDrop ? 'FORWARD' : null;
    if (chain) out.set(family, chain);
  }
  return out;
}

/** Pure: the iptables rule specs (after `-I CHAIN`) for a network's traffic in one family. */
export function acceptSpecs(plan: FirewallPlan, family: Family): string[][] {
  if (plan.mode === 'isolated') return [];
  const tag = ['-m', 'comment', '--comment', dockerComment(plan.network)];
  const subnets = (family === 'ip' ? plan.ipv4 : plan.ipv6).map((s) => s.subnet);
  const nat = plan.mode === 'nat' && (family === 'ip' || plan.nat?.ipv6 === true);
  const br = plan.bridge;
  const specs: string[][] = [['-i', br, '-o', br, ...tag, '-j', 'ACCEPT']];
  for (const s of subnets) {
    specs.push(['-i', br, '-s', s, ...tag, '-j', 'ACCEPT']);
    const state = nat ? ['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED'] : [];
    specs.push(['-o', br, '-d', s, ...state, ...tag, '-j', 'ACCEPT']);
  }
  return subnets.length > 0 ? specs : [];
}

/** Adds the network's accepts where Docker (or a FORWARD drop policy) needs them; returns the undo. */
export async function addDockerAccepts(
  plan: FirewallPlan,
  chains: RawChains | null,
): Promise<(() => Promise<void>) | null> {
  if (plan.mode === 'isolated') return null;
  const targets = targetChains(chains);
  if (targets.size === 0) return null;
  try {
    for (const [family, chain] of targets) {
      for (const spec of acceptSpecs(plan, family))
        await run(TOOL[family], ['-w', '-t', 'filter', '-I', chain, ...spec]);
    }
  } catch (err) {
    await removeDockerAccepts(plan.network).catch(() => undefined);
    throw err;
  }
  return () => removeDockerAccepts(plan.network);
}

/** Pure: the `-D` argument lists for the rules of `iptables -S CHAIN` tagged for `network`. */
export function taggedDeletes(listing: string, network: string): string[][] {
  const tag = dockerComment(network);
  return listing
    .split('\n')
    .filter((l) => l.startsWith('-A ') && l.split(' ').some((w) => w === tag || w === `"${tag}"`))
    .map((l) => [
      '-D',
      ...l
        .slice(3)
        .split(' ')
        .map((w) => (w === `"${tag}"` ? tag : w)),
    ]);
}

/**
 * Removes every rule tagged for the network from DOCKER-USER, FORWARD and INPUT (where
 * input-accepts.ts puts DHCP, DNS and TFTP accepts), both families.
 */
export async function removeDockerAccepts(network: string): Promise<void> {
  const doc = await runJson<RawChains>('nft', ['-j', 'list', 'chains']).catch(() => null);
  for (const family of ['ip', 'ip6'] as const) {
    const names = (doc?.nftables ?? [])
      .map((i) => i.chain)
      .filter((c) => c?.family === family && c.table === 'filter')
      .map((c) => c!.name);
    for (const chain of ['DOCKER-USER', 'FORWARD', 'INPUT'].filter((c) => names.includes(c))) {
      const { stdout } = await run(TOOL[family], ['-w', '-t', 'filter', '-S', chain]);
      for (const args of taggedDeletes(stdout, network))
        await run(TOOL[family], ['-w', '-t', 'filter', ...args]);
    }
  }
}
