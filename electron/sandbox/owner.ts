/**
 * Who owns a sandbox: a pid plus its start time (field 22 of /proc/PID/stat), so a pid the
 * kernel gave to another process after a crash is not taken for the owner still running.
 */
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  readonly pid: number;
  /** Clock ticks after boot when the process started; null when unknown. */
  readonly start: number | null;
}

/** The start time of `pid`, or null when there is no such process. */
export function startTimeOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, start: startTimeOf(pid) };
}

/** Whether the process is still the one recorded (a recorded null start matches any). */
export function isRunning(id: ProcessIdentity): boolean {
  const now = startTimeOf(id.pid);
  if (now === null) return false;
  return id.start === null || id.start === now;
}

export function formatIdentity(id: ProcessIdentity): string {
  return `${id.pid} ${id.start ?? '-'}\n`;
}

/** Parses lines written by formatIdentity; bad lines are skipped. */
export function parseIdentities(text: string): ProcessIdentity[] {
  const out: ProcessIdentity[] = [];
  for (const line of text.split('\n')) {
    const [pid, start] = line.trim().split(/\s+/);
    const p = Number(pid);
    if (!Number.isInteger(p) || p <= 1) continue;
    const s = Number(start);
    out.push({ pid: p, start: Number.isFinite(s) ? s : null });
  }
  return out;
}
