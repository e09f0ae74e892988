/**
 * Names a sandbox owns. Every namespace and the temporary folder of one sandbox share a stem
 * `vnmdemo-<owner pid>-<id>`, so leftovers of a crashed run are found by prefix and tied to
 * the process that made them: only stems whose owner is dead are ever removed.
 */
import { randomBytes } from 'node:crypto';

export const PREFIX = 'vnmdemo-';

const STEM_RE = /^vnmdemo-(\d+)-([0-9a-f]{4,8})(?:-|$)/;

/** A new stem for a sandbox made by process `pid`. */
export function makeStem(pid: number = process.pid, id = randomBytes(2).toString('hex')): string {
  return `${PREFIX}${pid}-${id}`;
}

/** The stem and owner pid of a name that belongs to some sandbox, or null for any other name. */
export function parseStem(name: string): { stem: string; pid: number } | null {
  const m = STEM_RE.exec(name);
  if (!m?.[1] || !m[2]) return null;
  return { stem: `${PREFIX}${m[1]}-${m[2]}`, pid: Number(m[1]) };
}

/** The namespace of one role ("host", "wan", "g1"...) in a sandbox. */
export function nsName(stem: string, role: string): string {
  if (!/^[a-z0-9]+$/.test(role))
    throw new Error(`bad sandbox role "${role}": use lower-case letters and digits`);
  return `${stem}-${role}`;
}
