/**
 * Network namespaces for integration tests, built on the sandbox's (electron/sandbox/netns.ts):
 * everything a test changes (links, bridges, nft,
 * sysctls, dnsmasq) lives in namespaces it made here, named `vnmt-<prefix>-<random>`, and
 * goes away with them. Three safety nets: destroy() in afterAll, a synchronous cleanup when
 * the test process exits, and a sweep of namespaces whose creating process died (killed
 * before it could clean up), found through a registry of owners in /tmp/vnmt-netns.
 *
 * Processes are only ever killed by pid, and only those inside our own namespaces
 * (`ip netns pids NAME`): never by name.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connectVeth, destroyNetnsSync, Netns, type SpawnOptions } from '../../electron/sandbox/netns';
import { capture, mustRun, type Captured, type CaptureOptions } from './proc';

const REGISTRY = '/tmp/vnmt-netns';
const live = new Map<string, TestNetns>();
let exitHookInstalled = false;
let swept = false;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Synchronous teardown, for process exit where nothing async runs any more. */
function destroySync(name: string): void {
  destroyNetnsSync(name);
  rmSync(`${REGISTRY}/${name}`, { force: true });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const name of live.keys()) destroySync(name);
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const name of live.keys()) destroySync(name);
      process.exit(130);
    });
  }
}

/** Removes namespaces left by test processes that died without cleaning up (and only those). */
export function sweepOrphans(): string[] {
  mkdirSync(REGISTRY, { recursive: true });
  const removed: string[] = [];
  for (const name of readdirSync(REGISTRY)) {
    const owner = Number(readFileSync(`${REGISTRY}/${name}`, 'utf8').trim());
    if (!name.startsWith('vnmt-') || (Number.isInteger(owner) && pidAlive(owner))) continue;
    destroySync(name);
    removed.push(name);
  }
  return removed;
}

/**
 * The sandbox's Netns as tests use it: a failed program is data (tryExec) or an error naming
 * it (exec), a spawned program's output is piped to the test, and the namespace leaves the
 * owner registry when destroyed.
 */
export class TestNetns extends Netns {
  private destroyed = false;

  private wrap(cmd: string, args: readonly string[]): string[] {
    return ['netns', 'exec', this.name, cmd, ...args];
  }

  /** Runs a program inside the namespace; throws when it exits non-zero. */
  override exec(cmd: string, args: readonly string[], opts?: CaptureOptions): Promise<Captured> {
    return mustRun('ip', this.wrap(cmd, args), opts);
  }

  /** Runs a program inside the namespace; the exit status is data. */
  tryExec(cmd: string, args: readonly string[], opts?: CaptureOptions): Promise<Captured> {
    return capture('ip', this.wrap(cmd, args), opts);
  }

  /** Starts a long-running program inside the namespace, its stdio piped; destroy() kills it. */
  override spawn(cmd: string, args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
    return super.spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: false, ...opts });
  }

  /** Kills every process in the namespace (by pid) and deletes it. Safe to call twice. */
  override async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await super.destroy();
    live.delete(this.name);
    rmSync(`${REGISTRY}/${this.name}`, { force: true });
  }
}

/** A new namespace `vnmt-<prefix>-<random>` with loopback up. */
export async function createNetns(prefix: string): Promise<TestNetns> {
  if (!swept) {
    swept = true;
    sweepOrphans();
  }
  installExitHook();
  const safe = prefix.replace(/[^a-z0-9]/gi, '').slice(0, 12) || 'ns';
  const name = `vnmt-${safe}-${randomBytes(3).toString('hex')}`;
  mkdirSync(REGISTRY, { recursive: true });
  writeFileSync(`${REGISTRY}/${name}`, `${process.pid}\n`);
  await mustRun('ip', ['netns', 'add', name]);
  const ns = new TestNetns(name);
  live.set(name, ns);
  await ns.exec('ip', ['link', 'set', 'dev', 'lo', 'up']);
  return ns;
}

/** Destroys every namespace this process made and has not destroyed yet (for afterAll). */
export async function destroyAllNetns(): Promise<void> {
  await Promise.all([...live.values()].map((ns) => ns.destroy()));
}

/** Names of namespaces this process made that still exist. */
export function liveNetns(): string[] {
  return [...live.keys()];
}

/** A short random interface name, unique enough inside one test namespace (<= 15 chars). */
export function randomIfName(prefix: string): string {
  return `${prefix.slice(0, 8)}${randomBytes(3).toString('hex')}`;
}

/** A veth pair, both ends up: the sandbox's own (electron/sandbox/netns.ts). */
export { connectVeth };
