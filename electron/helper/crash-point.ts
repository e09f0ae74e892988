/**
 * Crash points for the kill -9 tests: every step that changes the host (an nft transaction,
 * an ip command, a dnsmasq start or stop, a runtime status write) counts one. With
 * VNMD_CRASH_AFTER=N in vnmd's environment, vnmd sends itself SIGKILL right after the Nth,
 * so a test can stop it at an exact point between two host changes instead of guessing with
 * sleeps; VNMD_CRASH_TRACE=1 prints each point, so a test can count them. Unset in normal
 * use, where a crash point costs one lookup.
 */
import { writeSync } from 'node:fs';

let count = 0;

export function crashPoint(what: string): void {
  const after = Number(process.env.VNMD_CRASH_AFTER ?? 0);
  const trace = process.env.VNMD_CRASH_TRACE === '1';
  if (!after && !trace) return;
  count++;
  // Synchronous, so the line is out before the signal lands.
  if (trace || count === after) writeSync(2, `vnmd: crash point ${count}: ${what}\n`);
  if (count === after) process.kill(process.pid, 'SIGKILL');
}
