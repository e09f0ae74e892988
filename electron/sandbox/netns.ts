/**
 * Named network namespaces of a sandbox. Links are made inside them (`ip -n`), never in the
 * machine's own namespace, and a namespace is removed by killing the processes in it, by
 * pid (`ip netns pids`), then deleting it: its links, bridges, nft tables and sysctls go too.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { run } from '../helper/exec';
import type { RunOptions, RunResult } from '../helper/exec';

export interface SpawnOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly stdio?: StdioOptions;
  readonly cwd?: string;
  /** In a process group of its own (the default); tests keep theirs in the test's group. */
  readonly detached?: boolean;
}

/** A named namespace; the tests' namespaces extend it (test/helpers/netns.ts). */
export class Netns {
  constructor(readonly name: string) {}

  /** `ip -n NAME ARGS...`: iproute2 inside the namespace. */
  ip(args: readonly string[]): Promise<RunResult> {
    return run('ip', ['-n', this.name, ...args]);
  }

  /** Runs a program inside the namespace; throws with its stderr when it fails. */
  exec(cmd: string, args: readonly string[], opts?: RunOptions): Promise<RunResult> {
    return run('ip', ['netns', 'exec', this.name, cmd, ...args], opts);
  }

  /**
   * Starts a long-running program inside the namespace, in a process group of its own so a
   * Ctrl-C on the terminal reaches only the sandbox's owner, which then tears down in order.
   */
  spawn(cmd: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.name, cmd, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, LC_ALL: 'C', ...opts.env },
      stdio: opts.stdio ?? ['ignore', 'ignore', 'pipe'],
      detached: opts.detached ?? true,
    });
  }

  /** Kills every process in the namespace and deletes it; quiet when it is already gone. */
  async destroy(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const pids = await nsPids(this.name);
      if (pids.length === 0) break;
      killPids(pids);
      await new Promise((r) => setTimeout(r, 20));
    }
    await run('ip', ['netns', 'del', this.name]).catch(() => undefined);
  }
}

/** Makes namespace `name` with its loopback up. */
export async function createNetns(name: string): Promise<Netns> {
  await run('ip', ['netns', 'add', name]);
  const ns = new Netns(name);
  await ns.ip(['link', 'set', 'dev', 'lo', 'up']);
  return ns;
}

/** A veth pair with one end in each namespace, both up; nothing appears in the machine's namespace. */
export async function connectVeth(
  a: Netns,
  aIf: string,
  b: Netns,
  bIf: string,
  bMac?: string,
): Promise<void> {
  const peer = ['name', bIf, ...(bMac ? ['address', bMac] : []), 'netns', b.name];
  await a.exec('ip', ['link', 'add', aIf, 'type', 'veth', 'peer', ...peer]);
  await a.exec('ip', ['link', 'set', 'dev', aIf, 'up']);
  await b.exec('ip', ['link', 'set', 'dev', bIf, 'up']);
}

/** Names of every named namespace on the machine. */
export async function listNetns(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  return parseNetnsList(stdout);
}

export function listNetnsSync(): string[] {
  try {
    // stderr is dropped: a namespace deleted while ip lists them makes it complain.
    const out = execFileSync('ip', ['netns', 'list'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return parseNetnsList(out);
  } catch {
    return [];
  }
}

function parseNetnsList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

async function nsPids(name: string): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', name]).catch(() => ({ stdout: '' }));
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

function nsPidsSync(name: string): number[] {
  try {
    const out = execFileSync('ip', ['netns', 'pids', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function killPids(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** destroy() for process exit, where nothing asynchronous runs any more. */
export function destroyNetnsSync(name: string): void {
  for (let round = 0; round < 50; round++) {
    const pids = nsPidsSync(name);
    if (pids.length === 0) break;
    killPids(pids);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
}
