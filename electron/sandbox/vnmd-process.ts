/**
 * vnmd inside the sandbox's host namespace: the real daemon (`vnm daemon` of the bundled CLI)
 * with its config, state and runtime folders inside the sandbox's folder.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import type { Netns } from './netns';

export interface VnmdPaths {
  readonly configDir: string;
  readonly stateDir: string;
  readonly runtimeDir: string;
  readonly socket: string;
  readonly roSocket: string;
}

export function vnmdPaths(base: string): VnmdPaths {
  const runtimeDir = join(base, 'run');
  return {
    configDir: join(base, 'etc'),
    stateDir: join(base, 'lib'),
    runtimeDir,
    socket: join(runtimeDir, 'vnmd.sock'),
    roSocket: join(runtimeDir, 'vnmd-ro.sock'),
  };
}

/** The bundled CLI (out/cli/vnm.mjs), from a bundle in out/ or from the sources. */
export function findCli(): string {
  const candidates = [
    resolve(import.meta.dirname, '../cli/vnm.mjs'),
    resolve(import.meta.dirname, '../../out/cli/vnm.mjs'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`the vnm CLI is not built (looked for ${candidates[1]}); run npm run build first`);
  return found;
}

export interface VnmdProcess {
  readonly child: ChildProcess;
  readonly paths: VnmdPaths;
  /** The last lines vnmd wrote, for error messages. */
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartVnmdOptions {
  readonly cli: string;
  readonly paths: VnmdPaths;
  readonly env?: Readonly<Record<string, string>>;
  /** Called with each line vnmd writes. */
  readonly onLine?: (line: string) => void;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => child.once('exit', () => res()));
}

function canConnect(path: string): Promise<boolean> {
  return new Promise((res) => {
    const s = createConnection(path);
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
  });
}

export async function startVnmd(host: Netns, opts: StartVnmdOptions): Promise<VnmdProcess> {
  const p = opts.paths;
  const args = [opts.cli, 'daemon', '--config-dir', p.configDir, '--state-dir', p.stateDir];
  args.push('--runtime-dir', p.runtimeDir, '--socket', p.socket, '--ro-socket', p.roSocket);
  const child = host.spawn(process.execPath, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-8192);
    for (const line of text.split('\n')) if (line.trim()) opts.onLine?.(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const vnmd: VnmdProcess = {
    child,
    paths: p,
    log: () => tail,
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
  };
  await waitListening(vnmd);
  return vnmd;
}

async function waitListening(vnmd: VnmdProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  const { child } = vnmd;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`vnmd exited before it listened:\n${vnmd.log().trim()}`);
    }
    if (vnmd.log().includes('listening') && (await canConnect(vnmd.paths.socket))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  await vnmd.stop(0);
  throw new Error(`vnmd did not listen on ${vnmd.paths.socket} within 15 s:\n${vnmd.log().trim()}`);
}
