/**
 * What vnm has in nft, as the kernel lists it, and the transaction that takes it from one
 * state to the next. Pure functions: nft.ts runs the scripts and keeps the state.
 */
import type { NetworkRules } from './rules';
import type { OwnedRules } from './script';
import {
  addNetworkLines,
  createTableLines,
  deleteTableLines,
  forwardDeltaLines,
  ownedBy,
  removeNetworkLines,
} from './script';
import {
  TABLE_FAMILY,
  VNM_TABLE,
  firewallTableName,
  isVnmTableName,
  keyOfChain,
  networkKey,
} from './table-name';

export interface FirewallState {
  /** Whether the `inet vnm` table exists. */
  readonly table: boolean;
  /** What each network owns in it, by network key. */
  readonly networks: ReadonlyMap<string, OwnedRules>;
  /** Per-network tables left by earlier versions of vnm. */
  readonly legacy: ReadonlySet<string>;
}

export const EMPTY_STATE: FirewallState = { table: false, networks: new Map(), legacy: new Set() };

export type FirewallOp =
  | { readonly kind: 'apply'; readonly rules: NetworkRules }
  /** Only the port forwards' chains and elements change (forward-rules.ts): a live delta. */
  | { readonly kind: 'forwards'; readonly rules: NetworkRules }
  | { readonly kind: 'remove'; readonly network: string };

/**
 * The script lines for `ops`, in order, the state they lead to, and how many of the ops they
 * cover: a transaction that creates the table holds no further network (see
 * createTableLines), which then goes first in the next one.
 */
export function planOps(
  state: FirewallState,
  ops: readonly FirewallOp[],
): { lines: string[]; next: FirewallState; count: number } {
  let table = state.table;
  const networks = new Map(state.networks);
  const legacy = new Set(state.legacy);
  const lines: string[] = [];
  let count = 0;
  let created = false;
  for (const op of ops) {
    if (op.kind === 'apply' && created) break;
    count++;
    const network = op.kind === 'remove' ? op.network : op.rules.network;
    const old = firewallTableName(network);
    if (legacy.delete(old)) lines.push(`delete table ${TABLE_FAMILY} ${old}`);
    const key = networkKey(network);
    const owned = networks.get(key);
    if (op.kind === 'remove') {
      if (!owned) continue;
      networks.delete(key);
      // The last network takes the table with it, so a host without networks has no vnm table.
      lines.push(...(networks.size === 0 ? deleteTableLines() : removeNetworkLines(owned)));
      table = networks.size > 0;
      continue;
    }
    if (op.kind === 'forwards' && owned && table) {
      lines.push(...forwardDeltaLines(owned, op.rules));
      networks.set(key, ownedBy(op.rules));
      continue;
    }
    if (owned) lines.push(...removeNetworkLines(owned));
    lines.push(...(table ? addNetworkLines(op.rules) : createTableLines(op.rules)));
    created ||= !table;
    networks.set(key, ownedBy(op.rules));
    table = true;
  }
  return { lines, next: { table, networks, legacy }, count };
}

/** `nft -j` output, trimmed to what vnm reads. */
export interface NftJson {
  nftables?: Record<string, Record<string, unknown> | undefined>[];
}

function entries(json: NftJson | null, kind: string): Record<string, unknown>[] {
  return (json?.nftables ?? []).map((e) => e[kind]).filter((x): x is Record<string, unknown> => !!x);
}

/** An element key as nft prints it in JSON, written back in nft's syntax. */
function keyText(value: unknown, quote: boolean): string | null {
  if (typeof value === 'string') return quote ? `"${value}"` : value;
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const prefix = v.prefix as { addr?: string; len?: number } | undefined;
  if (prefix?.addr !== undefined) return `${prefix.addr}/${prefix.len}`;
  const range = v.range as unknown[] | undefined;
  if (Array.isArray(range) && range.length === 2) return `${String(range[0])}-${String(range[1])}`;
  const concat = v.concat as unknown[] | undefined;
  if (Array.isArray(concat)) {
    const parts = concat.map((c) => (typeof c === 'number' ? String(c) : keyText(c, false)));
    return parts.every((x) => x !== null) ? parts.join(' . ') : null;
  }
  const elem = v.elem as { val?: unknown } | undefined;
  return elem ? keyText(elem.val, quote) : null;
}

function jumpTarget(verdict: unknown): string | null {
  const jump = (verdict as { jump?: { target?: unknown } } | null)?.jump;
  return typeof jump?.target === 'string' ? jump.target : null;
}

const JUMP_MAPS: ReadonlySet<string> = new Set([
  'forward_jumps',
  'nat4_jumps',
  'nat6_jumps',
  'dnat4_jumps',
  'dnat6_jumps',
]);

type Mutable = { chains: string[]; elements: { set: OwnedRules['elements'][number]['set']; key: string }[] };

/** Who owns what in a listing of the vnm table (`nft -j list table inet vnm`). */
function parseVnmTable(json: NftJson | null): Map<string, OwnedRules> {
  const owned = new Map<string, Mutable>();
  const of = (key: string) => owned.get(key) ?? owned.set(key, { chains: [], elements: [] }).get(key)!;
  for (const chain of entries(json, 'chain')) {
    const key = keyOfChain(String(chain.name));
    if (key) of(key).chains.push(String(chain.name));
  }
  const bridgeOwner = new Map<string, string>();
  for (const map of entries(json, 'map')) {
    const set = String(map.name);
    if (!JUMP_MAPS.has(set)) continue;
    for (const pair of (map.elem as unknown[][] | undefined) ?? []) {
      const key = keyText(pair[0], set === 'forward_jumps');
      const target = jumpTarget(pair[1]);
      const owner = target ? keyOfChain(target) : null;
      if (!key || !owner) continue;
      of(owner).elements.push({ set: set as Mutable['elements'][number]['set'], key });
      if (set === 'forward_jumps') bridgeOwner.set(key, owner);
    }
  }
  for (const setEntry of entries(json, 'set')) {
    const set = String(setEntry.name);
    if (set !== 'bridges' && set !== 'bridges6' && set !== 'tftp_bridges') continue;
    for (const value of (setEntry.elem as unknown[] | undefined) ?? []) {
      const key = keyText(value, true);
      const owner = key ? bridgeOwner.get(key) : undefined;
      if (key && owner) of(owner).elements.unshift({ set, key });
    }
  }
  return owned;
}

/** The state from `nft -j list tables inet` and, when it has one, the vnm table's listing. */
export function parseState(tables: NftJson | null, vnm: NftJson | null): FirewallState {
  const names = entries(tables, 'table')
    .filter((t) => t.family === TABLE_FAMILY)
    .map((t) => String(t.name));
  return {
    table: names.includes(VNM_TABLE),
    networks: names.includes(VNM_TABLE) ? parseVnmTable(vnm) : new Map(),
    legacy: new Set(names.filter(isVnmTableName)),
  };
}

/** A canonical text of a state, to tell whether two states differ. */
export function stateText(state: FirewallState): string {
  const nets = [...state.networks.entries()]
    .map(([k, o]) => [k, [...o.chains].sort(), o.elements.map((e) => `${e.set} ${e.key}`).sort()])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return JSON.stringify([state.table, nets, [...state.legacy].sort()]);
}
