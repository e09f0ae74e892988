/**
 * Starts vnmd for the app when no vnmd is listening: as a child process when the app
 * runs as root, or through pkexec (which asks for a password) when it does not.
 * Commands are argument arrays, never shell strings.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { VnmError } from '../../../shared/rpc/errors';

export interface DaemonRuntime {
  /** node, or the Electron binary (run as node through ELECTRON_RUN_AS_NODE). */
  readonly execPath: string;
  /** The bundled CLI (out/cli/vnm.mjs). */
  readonly cliPath: string;
  readonly isElectron: boolean;
}

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export function daemonCommand(how: 'child' | 'pkexec', rt: DaemonRuntime): Command {
  const daemon = [rt.cliPath, 'daemon'];
  const asNode: Record<string, string> = rt.isElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  if (how === 'child') return { command: rt.execPath, args: daemon, env: asNode };
  // pkexec clears the environment, so `env` puts the one variable Electron needs back.
  const prefix = rt.isElectron ? ['env', 'ELECTRON_RUN_AS_NODE=1'] : [];
  return { command: 'pkexec', args: [...prefix, rt.execPath, ...daemon], env: {} };
}

export interface StartDeps {
  readonly spawn: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  readonly exists: (path: string) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Spawns vnmd and waits for its socket; fails with a message naming what went wrong. */
export async function startVnmd(cmd: Command, socket: string, deps: StartDeps, timeoutMs = 15_000) {
  const child = deps.spawn(cmd.command, cmd.args, {
    env: { ...process.env, ...cmd.env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited: number | null = null;
  child.once('exit', (code) => void (exited = code ?? -1));
  child.once('error', () => void (exited = -1));
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (deps.exists(socket)) return child;
    if (exited !== null) break;
    await deps.sleep(100);
  }
  if (exited === null) child.kill('SIGTERM');
  const why = exited === 126 || exited === 127 ? 'the password was not given' : `it stopped (exit ${exited})`;
  throw new VnmError(
    'connection',
    exited === null
      ? `vnmd did not open ${socket} within ${timeoutMs / 1000} s; check its messages below and start it with \`sudo vnm daemon\`.`
      : `vnm could not start vnmd because ${why}; start it yourself with \`sudo vnm daemon\`.`,
    stderr.trim() || undefined,
  );
}
