/**
 * How many clients each socket may hold, derived from vnmd's file descriptor limit, as
 * libvirt's max_clients / max_anonymous_clients bound its sockets. The read-only socket is
 * open to every local user, so it gets a capped share; the read-write socket keeps the rest,
 * and a reserve stays free for vnmd's own work (dnsmasq launches, nft and ip runs, state
 * files), so that a flood of anonymous connections can never leave root's commands, or the
 * dnsmasq watchdog, without a descriptor.
 *
 * On the read-only socket each user other than root also has a share (per-user-cap.ts), so
 * that one user who takes every slot is cut back and the others get in.
 */
import { readFileSync } from 'node:fs';

export interface ClientLimits {
  readonly readWrite: number;
  readonly readOnly: number;
  /** Read-only connections one user (not root) may hold. */
  readonly readOnlyPerUser: number;
}

/** The read-only socket's cap when the descriptor limit allows it (libvirt's max_clients is 5000). */
const DEFAULT_MAX_RO = 1000;
/** A user's share of the read-only socket: an eighth, so eight users fill it, but never under this. */
const MIN_PER_USER = 16;
/** Descriptors kept for vnmd itself: at least this many, or an eighth of the limit. */
const MIN_RESERVE = 64;

/** The soft RLIMIT_NOFILE of this process, from /proc/self/limits (Node raises it to the hard one). */
export function openFileLimit(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return 1024;
    }
  }
  const soft = /^Max open files\s+(\S+)/m.exec(text)?.[1];
  if (soft === 'unlimited') return Number.MAX_SAFE_INTEGER;
  const n = Number(soft);
  return Number.isInteger(n) && n > 0 ? n : 1024;
}

function envCount(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The caps for a descriptor limit `nofile`: the reserve first, then at most half of what is
 * left (and DEFAULT_MAX_RO) for the read-only socket, the rest for the read-write one.
 * VNMD_MAX_CLIENTS_RW / VNMD_MAX_CLIENTS_RO / VNMD_MAX_CLIENTS_RO_PER_USER override each.
 */
export function clientLimits(nofile: number, env: NodeJS.ProcessEnv = process.env): ClientLimits {
  const reserve = Math.max(MIN_RESERVE, Math.floor(nofile / 8));
  const budget = Math.max(2, nofile - reserve);
  const readOnly = Math.max(1, Math.min(DEFAULT_MAX_RO, Math.floor(budget / 2)));
  const ro = envCount(env.VNMD_MAX_CLIENTS_RO) ?? readOnly;
  return {
    readOnly: ro,
    readWrite: envCount(env.VNMD_MAX_CLIENTS_RW) ?? Math.max(1, budget - readOnly),
    readOnlyPerUser:
      envCount(env.VNMD_MAX_CLIENTS_RO_PER_USER) ?? Math.min(ro, Math.max(MIN_PER_USER, Math.floor(ro / 8))),
  };
}

/** Why a refused client is turned away: it reads this in a closing notification. */
export function refusalReason(readOnly: boolean, limit: number): string {
  const which = readOnly ? 'read-only' : 'read-write';
  const hint = readOnly
    ? 'close some connections or try again later'
    : 'close some connections, or raise VNMD_MAX_CLIENTS_RW';
  return `vnmd has too many clients on the ${which} socket (limit ${limit}); ${hint}.`;
}
