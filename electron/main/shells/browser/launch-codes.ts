/**
 * One-time launch codes: the browser shell hands Chromium a code (in a private file, never
 * on its command line) that the page trades once, within a short time, for the token
 * cookie. A code seen by anyone later is worth nothing.
 */
import { randomBytes } from 'node:crypto';
import { sameToken } from './security';

export const LAUNCH_CODE_TTL_MS = 60_000;

interface Entry {
  readonly code: string;
  readonly expires: number;
  readonly onUsed: () => void;
}

export class LaunchCodes {
  private entries: Entry[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    readonly ttlMs = LAUNCH_CODE_TTL_MS,
  ) {}

  /** A fresh code; `onUsed` runs once when it is redeemed. */
  issue(onUsed: () => void = () => undefined): string {
    this.dropExpired();
    const code = randomBytes(24).toString('base64url');
    this.entries.push({ code, expires: this.now() + this.ttlMs, onUsed });
    return code;
  }

  /** True once for a code issued here and not yet expired; the code is gone afterwards. */
  redeem(given: string): boolean {
    this.dropExpired();
    // Compared in constant time, like the token, and every entry is looked at.
    const entry = this.entries.filter((e) => sameToken(given, e.code))[0];
    if (!entry) return false;
    this.entries = this.entries.filter((e) => e !== entry);
    entry.onUsed();
    return true;
  }

  get size(): number {
    return this.entries.length;
  }

  private dropExpired(): void {
    const now = this.now();
    this.entries = this.entries.filter((e) => e.expires > now);
  }
}
