/**
 * What every benchmark prints its figures with: medians and ranges of milliseconds, a figure
 * beside its floor (measured in the same run, so the machine's load hits both), and the CPU
 * and memory of a process read from /proc, which unlike wall time do not depend on how busy
 * the machine is.
 */
import { readFileSync } from 'node:fs';

export function median(ms: readonly number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function stats(ms: readonly number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${median(s).toFixed(1)} ms (range ${s[0]!.toFixed(1)}-${s.at(-1)!.toFixed(1)}, n=${s.length})`;
}

/** Prints a figure, its floor, and the difference and ratio of their medians. */
export function beside(
  what: string,
  figure: readonly number[],
  floorWhat: string,
  floor: readonly number[],
): void {
  console.log(`${what.padEnd(44)} ${stats(figure)}`);
  console.log(`  floor: ${floorWhat.padEnd(36)} ${stats(floor)}`);
  const diff = median(figure) - median(floor);
  const ratio = median(figure) / median(floor);
  console.log(`  => ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} ms against the floor (${ratio.toFixed(2)}x)`);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** CPU seconds of a process and of the children it waited for (ip, nft, a stopped dnsmasq). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // utime, stime, cutime, cstime: fields 14-17 of stat, in clock ticks (100 per second).
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
}

export function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * CPU seconds (user + system, each process's own, not its children's) of every process in a
 * network namespace, summed by program name: where a host's CPU went while an operation ran,
 * vnmd's share and that of the daemons around it (the running networks' dnsmasqs).
 */
export function cpuByProgram(pids: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile: its CPU went to whoever reaped it
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
  }
  return out;
}
