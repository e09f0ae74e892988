/**
 * nft scripts for the shared `inet vnm` table. Its base chains hold no per-network rule:
 * they look the packet's bridge (or source subnet, for NAT) up in maps of verdicts and jump
 * to the chains of the network it belongs to. Adding or removing a network is then a small
 * transaction (its chains and map elements) whose cost does not grow with the number of
 * networks, and a packet meets two map lookups instead of one chain per network.
 */
import type { NftElement } from './nft-element';
import type { NetworkRules } from './rules';
import { TABLE_FAMILY, VNM_TABLE } from './table-name';

const T = `${TABLE_FAMILY} ${VNM_TABLE}`;

/** What a network owns in the table, as much as removal needs. */
export interface OwnedRules {
  readonly chains: readonly string[];
  readonly elements: readonly Pick<NftElement, 'set' | 'key'>[];
}

const SETS = [
  'add set TABLE bridges { type ifname; }',
  'add set TABLE bridges6 { type ifname; }',
  'add set TABLE tftp_bridges { type ifname; }',
  'add map TABLE forward_jumps { type ifname : verdict; }',
  'add map TABLE nat4_jumps { type ipv4_addr : verdict; flags interval; }',
  'add map TABLE nat6_jumps { type ipv6_addr : verdict; flags interval; }',
  'add map TABLE dnat4_jumps { type ipv4_addr . inet_proto . inet_service : verdict; flags interval; }',
  'add map TABLE dnat6_jumps { type ipv6_addr . inet_proto . inet_service : verdict; flags interval; }',
];

const BASE_CHAINS = [
  'add chain TABLE input { type filter hook input priority filter; policy accept; }',
  'add rule TABLE input iifname @bridges meta l4proto { tcp, udp } th dport { 53, 67 } counter accept',
  'add rule TABLE input iifname @bridges6 udp dport 547 counter accept',
  'add rule TABLE input iifname @tftp_bridges udp dport 69 counter accept',
  'add chain TABLE output { type filter hook output priority filter; policy accept; }',
  'add rule TABLE output oifname @bridges meta l4proto { tcp, udp } th dport { 53, 68 } counter accept',
  'add rule TABLE output oifname @bridges6 udp dport 546 counter accept',
  'add chain TABLE forward { type filter hook forward priority filter; policy accept; }',
  'add rule TABLE forward oifname vmap @forward_jumps',
  'add rule TABLE forward iifname vmap @forward_jumps',
  'add chain TABLE postrouting { type nat hook postrouting priority srcnat; policy accept; }',
  'add rule TABLE postrouting ip saddr vmap @nat4_jumps',
  'add rule TABLE postrouting ip6 saddr vmap @nat6_jumps',
  // Port forwards: packets for one of the host's own addresses, by address, protocol and port.
  'add chain TABLE prerouting { type nat hook prerouting priority dstnat; policy accept; }',
  'add rule TABLE prerouting fib daddr type local ip daddr . meta l4proto . th dport vmap @dnat4_jumps',
  'add rule TABLE prerouting fib daddr type local ip6 daddr . meta l4proto . th dport vmap @dnat6_jumps',
  // The host's own connections to its own address (not loopback, which cannot leave the host).
  'add chain TABLE output_nat { type nat hook output priority -100; policy accept; }',
  'add rule TABLE output_nat ip daddr != 127.0.0.0/8 fib daddr type local ip daddr . meta l4proto . th dport vmap @dnat4_jumps',
  'add rule TABLE output_nat ip6 daddr != ::1 fib daddr type local ip6 daddr . meta l4proto . th dport vmap @dnat6_jumps',
];

/** The sets, maps and base chains (with their rule counts) every vnm table has (verify.ts). */
export function baseShape(): { sets: string[]; chains: Map<string, number> } {
  const sets = SETS.map((l) => l.split(' ')[3]!);
  const chains = new Map<string, number>();
  for (const line of BASE_CHAINS) {
    const [verb, kind, , name] = line.split(' ');
    if (verb === 'add' && kind === 'chain') chains.set(name!, 0);
    if (verb === 'add' && kind === 'rule') chains.set(name!, (chains.get(name!) ?? 0) + 1);
  }
  return { sets, chains };
}

/**
 * Creates the table with its sets, maps and base chains, and the first network's chains.
 * `create` (not `add`) fails when the table is already there, so a caller whose idea of the
 * ruleset is stale finds out instead of doubling the base rules. The network's chains come
 * before the maps: nft 1.0.6 refuses (ENOENT) an interval map element that jumps to a chain
 * made after the map in the same transaction.
 */
export function createTableLines(first: NetworkRules): string[] {
  return [
    `create table ${T} { comment "vnm virtual networks: do not edit, vnmd rewrites it"; }`,
    ...chainLines(first),
    ...[...SETS, ...BASE_CHAINS].map((l) => l.replace('TABLE', T)),
    ...first.elements.map((e) => elementLine('add', e)),
  ];
}

export function deleteTableLines(): string[] {
  return [`delete table ${T}`];
}

function elementLine(verb: 'add' | 'delete', e: Pick<NftElement, 'set' | 'key' | 'verdict'>): string {
  const value = verb === 'add' && e.verdict ? ` : ${e.verdict}` : '';
  return `${verb} element ${T} ${e.set} { ${e.key}${value} }`;
}

function chainLines(rules: NetworkRules): string[] {
  return rules.chains.flatMap((chain) => [
    `add chain ${T} ${chain.name}`,
    ...chain.rules.map((r) => `add rule ${T} ${chain.name} ${r}`),
  ]);
}

/** Adds a network's chains, then the elements that jump to them, to an existing table. */
export function addNetworkLines(rules: NetworkRules): string[] {
  return [...chainLines(rules), ...rules.elements.map((e) => elementLine('add', e))];
}

/** Removes a network's elements, then its chains (a chain in use cannot go). */
export function removeNetworkLines(owned: OwnedRules): string[] {
  return [
    ...owned.elements.map((e) => elementLine('delete', e)),
    ...owned.chains.flatMap((c) => [`flush chain ${T} ${c}`, `delete chain ${T} ${c}`]),
  ];
}

const isForwardChain = (chain: string): boolean => chain.startsWith('pf');
const isForwardSet = (set: string): boolean => set === 'dnat4_jumps' || set === 'dnat6_jumps';

/**
 * From what a network owns to `rules`, touching port forwards only: the elements and chains of
 * forwards that went are deleted, those of new ones added; everything else (the network's
 * other chains, the forwards that stay, their handles and counters) is left alone.
 */
export function forwardDeltaLines(owned: OwnedRules, rules: NetworkRules): string[] {
  const oldChains = new Set(owned.chains.filter(isForwardChain));
  const newChains = rules.chains.filter((c) => isForwardChain(c.name));
  const newNames = new Set(newChains.map((c) => c.name));
  const oldElements = owned.elements.filter((e) => isForwardSet(e.set));
  const newElements = rules.elements.filter((e) => isForwardSet(e.set));
  const text = (e: Pick<NftElement, 'set' | 'key'>) => `${e.set} ${e.key}`;
  const had = new Set(oldElements.map(text));
  const wants = new Set(newElements.map(text));
  const added = newChains.filter((c) => !oldChains.has(c.name));
  return [
    ...oldElements.filter((e) => !wants.has(text(e))).map((e) => elementLine('delete', e)),
    ...[...oldChains]
      .filter((c) => !newNames.has(c))
      .flatMap((c) => [`flush chain ${T} ${c}`, `delete chain ${T} ${c}`]),
    ...added.flatMap((c) => [
      `add chain ${T} ${c.name}`,
      ...c.rules.map((r) => `add rule ${T} ${c.name} ${r}`),
    ]),
    ...newElements.filter((e) => !had.has(text(e))).map((e) => elementLine('add', e)),
  ];
}

/** What removal needs to know of rules about to be installed. */
export function ownedBy(rules: NetworkRules): OwnedRules {
  return {
    chains: rules.chains.map((c) => c.name),
    elements: rules.elements.map(({ set, key }) => ({ set, key })),
  };
}

/** A standalone script installing one network into a namespace without a vnm table. */
export function standaloneScript(rules: NetworkRules): string {
  return [...createTableLines(rules), ''].join('\n');
}
