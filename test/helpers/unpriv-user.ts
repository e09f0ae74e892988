/**
 * A throwaway unprivileged user for tests that attack vnmd as "anyone on the machine": made
 * with useradd under a unique name, removed in afterAll and, should the test process die
 * first, by an exit hook. Its programs run through `setpriv` with no supplementary groups.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mustRun } from './proc';

export interface UnprivUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Starts `cmd args...` as this user (stdin, stdout and stderr piped). */
  spawn(cmd: string, args: readonly string[]): ChildProcess;
  remove(): Promise<void>;
}

const made = new Set<string>();
let hooked = false;

function removeSync(name: string): void {
  try {
    execFileSync('userdel', [name], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
  made.delete(name);
}

/** Creates user `<prefix><pid>` (no home, no login shell). */
export async function createUnprivUser(prefix: string): Promise<UnprivUser> {
  const name = `${prefix}${process.pid}`.slice(0, 31);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => [...made].forEach(removeSync));
  }
  await mustRun('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  made.add(name);
  const uid = Number((await mustRun('id', ['-u', name])).stdout.trim());
  const gid = Number((await mustRun('id', ['-g', name])).stdout.trim());
  return {
    name,
    uid,
    gid,
    spawn: (cmd, args) =>
      spawn('setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', cmd, ...args], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
      }),
    async remove() {
      removeSync(name);
      await Promise.resolve();
    },
  };
}
