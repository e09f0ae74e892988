/**
 * Removing a sandbox completely, and the leftovers of sandboxes whose owner died (kill -9, a
 * crash, a closed terminal). A sandbox's folder records its owner (pid + start time) and the
 * process groups it started in the machine's namespace (the UI); its namespaces and folder
 * share the stem. Nothing is removed while its owner runs.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStem, PREFIX } from './names';
import { destroyNetnsSync, listNetnsSync } from './netns';
import { isRunning, parseIdentities, startTimeOf } from './owner';
import type { ProcessIdentity } from './owner';

export const OWNER_FILE = 'owner';
export const GROUPS_FILE = 'groups';

/** The folder of a sandbox: `<tmp>/<stem>`. */
export function stemDir(stem: string, base: string = tmpdir()): string {
  return join(base, stem);
}

function readIdentities(file: string): ProcessIdentity[] {
  try {
    return parseIdentities(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

/**
 * Kills a process group we started, unless its leader's pid now belongs to someone else.
 * While a group has members its id cannot be reused, so with the leader gone the group is ours.
 */
function killGroup(g: ProcessIdentity): void {
  const start = startTimeOf(g.pid);
  if (start !== null && g.start !== null && start !== g.start) return;
  try {
    process.kill(-g.pid, 'SIGKILL');
  } catch {
    /* the group is gone */
  }
}

/** Removes everything of one sandbox: its outside process groups, namespaces and folder. */
export function removeSandboxSync(stem: string, base: string = tmpdir()): void {
  const dir = stemDir(stem, base);
  for (const g of readIdentities(join(dir, GROUPS_FILE))) killGroup(g);
  for (const ns of listNetnsSync()) if (parseStem(ns)?.stem === stem) destroyNetnsSync(ns);
  rmSync(dir, { recursive: true, force: true });
}

/** Whether the sandbox's owner still runs (from its owner file, else from the pid in the stem). */
function ownerRunning(stem: string, pid: number, base: string): boolean {
  const [recorded] = readIdentities(join(stemDir(stem, base), OWNER_FILE));
  return isRunning(recorded ?? { pid, start: null });
}

/** Removes leftovers of sandboxes whose owner is dead; returns their stems. */
export function sweepLeftovers(base: string = tmpdir()): string[] {
  const stems = new Map<string, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync(base).filter((n) => n.startsWith(PREFIX));
  } catch {
    /* no temp folder to look at */
  }
  for (const name of [...listNetnsSync(), ...entries]) {
    const s = parseStem(name);
    if (s) stems.set(s.stem, s.pid);
  }
  const removed: string[] = [];
  for (const [stem, pid] of stems) {
    if (pid === process.pid || ownerRunning(stem, pid, base)) continue;
    removeSandboxSync(stem, base);
    removed.push(stem);
  }
  return removed;
}
