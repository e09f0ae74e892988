/**
 * The browser shell's gatekeeping: only the exact Host and Origin it printed, and only
 * requests carrying its random token (in the URL, or in the HttpOnly cookie set on first
 * load or for a launch code, see session-route.ts). A page on another origin, or a
 * DNS-rebinding attack, gets 403 and no socket.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenCookieName(port: number): string {
  // Cookies ignore ports; the name keeps two vnm UIs on one machine apart.
  return `vnm_token_${port}`;
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface Gate {
  readonly host: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
}

export type Verdict = { ok: true; tokenFrom: 'query' | 'cookie' } | { ok: false; reason: string };

/** Checks Host, Origin and token; `originRequired` for WebSocket upgrades. */
export function checkRequest(req: IncomingMessage, url: URL, gate: Gate, originRequired: boolean): Verdict {
  if (req.headers.host !== gate.host) return { ok: false, reason: 'Host header not allowed' };
  const origin = req.headers.origin;
  if (origin !== undefined ? origin !== gate.origin : originRequired) {
    return { ok: false, reason: 'Origin not allowed' };
  }
  if (sameToken(url.searchParams.get('token'), gate.token)) return { ok: true, tokenFrom: 'query' };
  // The cookie counts for the WebSocket too: its Origin was checked above, and a page opened
  // with a launch code never sees the token (the cookie is HttpOnly).
  const cookie = cookieValue(req.headers.cookie, tokenCookieName(gate.port));
  if (sameToken(cookie, gate.token)) return { ok: true, tokenFrom: 'cookie' };
  return { ok: false, reason: 'missing or wrong token' };
}

export function tokenCookie(gate: Gate): string {
  return `${tokenCookieName(gate.port)}=${gate.token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * POST /session comes from the launch page, a file:// page whose Origin is "null". The
 * Host gate still holds (no rebinding); the one-time code is what proves the caller.
 */
export function checkSessionRequest(
  req: IncomingMessage,
  gate: Gate,
): { ok: true } | { ok: false; reason: string } {
  if (req.headers.host !== gate.host) return { ok: false, reason: 'Host header not allowed' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== gate.origin) {
    return { ok: false, reason: 'Origin not allowed' };
  }
  return { ok: true };
}
