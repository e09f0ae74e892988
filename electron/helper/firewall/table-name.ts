/**
 * Names in nft for a network. All networks share one table, `inet vnm`, where each network
 * owns its own chains (`fwd_<key>`, `nat_<key>`) and map elements; earlier versions of vnm
 * gave each network a table of its own (`vnm_<key>`), which vnmd still removes when it meets
 * one. A network name may hold any character, and nft identifiers allow only a few, so the
 * name is encoded: letters and digits stay, every other byte becomes `_xx` (hex), which keeps
 * the mapping one-to-one and readable for usual names. Long names are cut and completed
 * with a hash, in a form (`-`) the short one never takes.
 */
import { createHash } from 'node:crypto';

export const TABLE_FAMILY = 'inet';
/** The one table that holds every network's rules. */
export const VNM_TABLE = 'vnm';
const SHORT_PREFIX = 'vnm_';
const HASHED_PREFIX = 'vnm-';
const MAX_ENCODED = 60;

function encode(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9]/.test(ch) ? ch : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** The per-network table name of earlier vnm versions (family inet). */
export function firewallTableName(network: string): string {
  const encoded = encode(network);
  if (encoded.length <= MAX_ENCODED) return SHORT_PREFIX + encoded;
  const hash = createHash('sha256').update(network, 'utf8').digest('hex').slice(0, 16);
  return `${HASHED_PREFIX}${encoded.slice(0, 40)}-${hash}`;
}

/** Whether a table name is one vnm makes (and so one vnm may delete). */
export function isVnmTableName(table: string): boolean {
  return /^vnm_[A-Za-z0-9_]+$/.test(table) || /^vnm-[A-Za-z0-9_]{1,40}-[0-9a-f]{16}$/.test(table);
}

/** The network name a short table name encodes, or null for hashed or foreign names. */
export function networkOfTable(table: string): string | null {
  if (!/^vnm_[A-Za-z0-9_]+$/.test(table)) return null;
  const bytes: number[] = [];
  const body = table.slice(SHORT_PREFIX.length);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '_') {
      bytes.push(body.charCodeAt(i));
      continue;
    }
    const hex = body.slice(i + 1, i + 3);
    if (!/^[0-9a-f]{2}$/.test(hex)) return null;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The part of a network's chain names that identifies it: `_<encoded>` or `-<cut>-<hash>`. */
export function networkKey(network: string): string {
  return firewallTableName(network).slice('vnm'.length);
}

/** The chains a network owns in the vnm table. */
export function networkChains(network: string): { readonly forward: string; readonly nat: string } {
  const key = networkKey(network);
  return { forward: `fwd${key}`, nat: `nat${key}` };
}

const KEY = '((?:_[A-Za-z0-9_]+)|(?:-[A-Za-z0-9_]{1,40}-[0-9a-f]{16}))';
const CHAIN_RE = new RegExp(`^(?:fwd|nat)${KEY}$`);
/** A port forward's chain (forward-rules.ts): pf<key>.<protocol>.<port>[.<address hex>]. */
const FORWARD_CHAIN_RE = new RegExp(
  `^pf${KEY}\\.(?:tcp|udp|all)\\.\\d{1,5}(?:\\.[0-9a-f]{8}|\\.[0-9a-f]{32})?$`,
);

/** The network key of a chain vnm made for a network, or null for any other chain. */
export function keyOfChain(chain: string): string | null {
  return CHAIN_RE.exec(chain)?.[1] ?? FORWARD_CHAIN_RE.exec(chain)?.[1] ?? null;
}

/** The network a key encodes, or null for hashed keys of long names. */
export function networkOfKey(key: string): string | null {
  return networkOfTable(`vnm${key}`);
}
