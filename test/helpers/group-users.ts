/**
 * A group standing in for `vnm`, one member of it and one user outside it, for the tests of
 * who may use vnmd's sockets (issue 12). Made with groupadd/useradd under names unique to the
 * test process, removed by `remove()` and, should the process die first, by an exit hook.
 * The CLI runs as them through `setpriv --init-groups`, as a login would give their groups.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { capture, mustRun, type Captured } from './proc';
import { cliBundle } from './vnmd';

export interface GroupUsers {
  readonly group: string;
  readonly gid: number;
  readonly member: string;
  readonly outsider: string;
  /** `vnm ARGS...` as `user`, outside any namespace (a UNIX socket needs none). */
  cli(user: string, args: readonly string[]): Promise<Captured>;
  remove(): void;
}

function removeSync(users: readonly string[], group: string): void {
  for (const u of users) {
    try {
      execFileSync('userdel', [u], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
  try {
    execFileSync('groupdel', [group], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
}

/** Group `<prefix>g<pid>`, member `<prefix>m<pid>`, outsider `<prefix>o<pid>`. */
export async function createGroupUsers(prefix: string): Promise<GroupUsers> {
  const tag = `${process.pid % 100000}`;
  const group = `${prefix}g${tag}`;
  const member = `${prefix}m${tag}`;
  const outsider = `${prefix}o${tag}`;
  const cleanup = () => removeSync([member, outsider], group);
  process.once('exit', cleanup);
  await mustRun('groupadd', [group]);
  const nologin = ['--no-create-home', '--shell', '/usr/sbin/nologin'];
  await mustRun('useradd', [...nologin, '-G', group, member]);
  await mustRun('useradd', [...nologin, outsider]);
  const gid = Number((await mustRun('getent', ['group', group])).stdout.split(':')[2]);
  const primary = new Map<string, string>();
  for (const u of [member, outsider]) primary.set(u, (await mustRun('id', ['-g', u])).stdout.trim());
  const cli = await cliBundle();
  // The bundle's temp folder is 0700 (mkdtemp): the test users must be able to run it.
  chmodSync(dirname(cli), 0o755);
  return {
    group,
    gid,
    member,
    outsider,
    cli: (user, args) =>
      capture(
        'setpriv',
        [
          `--reuid=${user}`,
          `--regid=${primary.get(user) ?? 'nogroup'}`,
          '--init-groups',
          'node',
          cli,
          ...args,
        ],
        {
          env: { HOME: '/', USER: user },
          timeoutMs: 60_000,
        },
      ),
    remove() {
      process.off('exit', cleanup);
      cleanup();
    },
  };
}
