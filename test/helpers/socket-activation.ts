/**
 * vnmd behind `systemd-socket-activate`, which listens and passes the sockets the way systemd
 * does (LISTEN_FDS, LISTEN_PID, LISTEN_FDNAMES) without systemd as PID 1. What systemd would
 * take from build/linux/systemd/vnmd.socket and vnmd-ro.socket is taken from them here: the
 * descriptor names, the folder's mode and each socket's mode and group, so a change to a unit
 * is tested rather than a copy of it.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import type { TestNetns } from './netns';
import { unitSection } from './package-layout';
import { cliBundle, type VnmdDirs } from './vnmd';

export interface Activator {
  /** The activator's pid: vnmd runs under the same pid once it has been exec'd. */
  readonly pid: number;
  readonly child: ChildProcess;
  /** What the activator and vnmd wrote so far. */
  log(): string;
  /** Whether vnmd runs yet (the activator exec's it on the first connection). */
  vnmdRunning(): boolean;
  /** SIGTERM, as `systemctl stop vnmd.service` sends it; resolves once it has exited. */
  stop(): Promise<void>;
}

function one(unit: string, key: string): string | undefined {
  return unitSection(unit, 'Socket').get(key)?.[0];
}

/**
 * Starts the activator in `ns` on dirs.socket and dirs.roSocket and returns once both listen,
 * before vnmd runs. `socketGroup` is the gid standing for the unit's SocketGroup= (group vnm
 * itself may exist on the machine for real).
 */
export async function activateVnmd(ns: TestNetns, dirs: VnmdDirs, socketGroup: number): Promise<Activator> {
  const cli = await cliBundle();
  const names = [one('vnmd.socket', 'FileDescriptorName'), one('vnmd-ro.socket', 'FileDescriptorName')];
  mkdirSync(dirs.runtimeDir, { recursive: true });
  chmodSync(dirs.runtimeDir, Number.parseInt(one('vnmd.socket', 'DirectoryMode') ?? '0755', 8));
  const daemon = ['node', cli, 'daemon', '--config-dir', dirs.configDir, '--state-dir', dirs.stateDir];
  daemon.push('--runtime-dir', dirs.runtimeDir);
  const args = ['-l', dirs.socket, '-l', dirs.roSocket, `--fdname=${names.join(':')}`, '--', ...daemon];
  const child = ns.spawn('systemd-socket-activate', args);
  let log = '';
  const listening = new Promise<void>((res, rej) => {
    const onData = (c: Buffer) => {
      log += c.toString();
      if ((log.match(/Listening on/g) ?? []).length >= 2) res();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', () => rej(new Error(`systemd-socket-activate exited:\n${log}`)));
  });
  await listening;
  // What systemd does with SocketMode= and SocketGroup= before anyone can connect.
  for (const [unit, path] of [
    ['vnmd.socket', dirs.socket],
    ['vnmd-ro.socket', dirs.roSocket],
  ] as const) {
    chownSync(path, 0, one(unit, 'SocketGroup') === undefined ? 0 : socketGroup);
    chmodSync(path, Number.parseInt(one(unit, 'SocketMode') ?? '0666', 8));
  }
  const pid = child.pid!;
  const exited = new Promise<void>((res) =>
    child.exitCode !== null || child.signalCode !== null ? res() : child.once('exit', () => res()),
  );
  return {
    pid,
    child,
    log: () => log,
    vnmdRunning: () => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node',
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
