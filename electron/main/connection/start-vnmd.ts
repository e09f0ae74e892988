/**
 * Starts vnmd for the app when no vnmd is listening: as the app's child when the app runs as
 * root (a developer's checkout), or by asking the installed service to start (pkexec runs the
 * package's small helper, which runs systemctl and exits: vnmd then belongs to systemd, and
 * the app never holds a root process it cannot stop). Commands are argument arrays, never
 * shell strings.
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
  /** The command exits once it has started vnmd elsewhere (the service), instead of being vnmd. */
  readonly handsOver: boolean;
}

/** vnmd as the app's own child (root only). */
export function daemonCommand(rt: DaemonRuntime): Command {
  const env: Record<string, string> = rt.isElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  return { command: rt.execPath, args: [rt.cliPath, 'daemon'], env, handsOver: false };
}

/** The installed service, started by its helper under pkexec (polkit asks for a password). */
export function serviceCommand(helper: string): Command {
  return { command: 'pkexec', args: [helper], env: {}, handsOver: true };
}

export interface StartDeps {
  readonly spawn: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
  readonly exists: (path: string) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Runs `cmd` and waits for vnmd's socket; fails with a message naming what went wrong.
 * Returns the child when it is vnmd itself (stop it when the app quits), else null.
 */
export async function startVnmd(
  cmd: Command,
  socket: string,
  deps: StartDeps,
  timeoutMs = 15_000,
): Promise<ChildProcess | null> {
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
    if (deps.exists(socket)) return cmd.handsOver ? null : child;
    // A helper that handed over and exited 0 is fine: the socket follows.
    if (exited !== null && !(cmd.handsOver && exited === 0)) break;
    await deps.sleep(100);
  }
  if (exited === null) child.kill('SIGTERM');
  throw new VnmError('connection', failureText(cmd, socket, exited, timeoutMs), stderr.trim() || undefined);
}

function failureText(cmd: Command, socket: string, exited: number | null, timeoutMs: number): string {
  const howTo = cmd.handsOver
    ? 'start it yourself with `sudo systemctl start vnmd.socket vnmd.service`'
    : 'start it yourself with `sudo vnm daemon`';
  if (exited === null || exited === 0) {
    return `vnmd did not open ${socket} within ${timeoutMs / 1000} s; check its messages below (or \`journalctl -u vnmd\`) and ${howTo}.`;
  }
  // pkexec: 126 the password dialog was dismissed, 127 not authorised or no agent.
  const why = exited === 126 || exited === 127 ? 'the password was not given' : `it stopped (exit ${exited})`;
  return `vnm could not start vnmd because ${why}; ${howTo}.`;
}
