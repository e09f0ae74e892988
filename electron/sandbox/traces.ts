/**
 * What of a sandbox is left on the machine: namespaces of its stem, its folder, processes
 * whose command line names it, and links of the machine's own namespace that were not there
 * before. Tests use it to prove that a demo leaves nothing behind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { listNetnsSync } from './netns';
import { stemDir } from './sweep';

export interface Traces {
  readonly namespaces: string[];
  readonly folders: string[];
  readonly processes: string[];
}

/** Links of the namespace this process runs in (the machine's own, for the demo's owner). */
export function machineLinks(): string[] {
  const out = execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' });
  return (JSON.parse(out) as { ifname: string }[]).map((l) => l.ifname).sort();
}

function processesNaming(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmd.includes(text)) found.push(`${pid} ${cmd}`);
    } catch {
      /* it ended while we looked */
    }
  }
  return found;
}

/** Everything left of the sandboxes whose stems start with `stemPrefix` (a stem, or `vnmdemo-<pid>-`). */
export function tracesOf(stemPrefix: string, base: string = tmpdir()): Traces {
  const folders = readdirSync(base)
    .filter((n) => n.startsWith(stemPrefix))
    .map((n) => stemDir(n, base))
    .filter((d) => existsSync(d));
  return {
    namespaces: listNetnsSync().filter((n) => n.startsWith(stemPrefix)),
    folders,
    processes: processesNaming(stemPrefix),
  };
}

export function isClean(t: Traces): boolean {
  return t.namespaces.length === 0 && t.folders.length === 0 && t.processes.length === 0;
}
