/**
 * A "remote host" reached over ssh, and a "desktop" to reach it from, for the tests of
 * vnm+ssh:// connections (issue 18), reusable by an e2e:
 *
 *   desktop [vnmtd0 192.0.2.1/24] ── veth ── remote [vnmtr0 192.0.2.2/24]
 *
 * The remote is a network namespace AND its own mount namespace (private propagation), held
 * by one `sleep` process, in which a tmpfs covers /run: its vnmd listens on the default
 * /run/vnm/vnmd.sock, which nothing outside can see, and /run/sshd is sshd's. A bind mount
 * over /usr/local/bin, there only, puts `vnm` on the remote users' PATH. sshd runs from a
 * private config (host key, pid file, authorized keys in a temp folder). Two users are added
 * and removed again: one in vnmd's read-write group, one outside it, both with a login shell
 * that prints a greeting on stdout, as a chatty rc file would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGroupUsers, type GroupUsers } from './group-users';
import { connectVeth, createNetns, type TestNetns } from './netns';
import { capture, mustRun, type Captured } from './proc';
import { cliBundle } from './vnmd';

export const DESKTOP_ADDRESS = '192.0.2.1';
export const REMOTE_ADDRESS = '192.0.2.2';
export const GREETING = 'Welcome to the remote host! (printed by the login shell)';
const RELAY = resolve(import.meta.dirname, 'tcp-relay.mjs');

export interface SshRemote {
  readonly desktop: TestNetns;
  /** The remote's network namespace (links, bridges, guests); its files are seen through inRemote. */
  readonly remote: TestNetns;
  readonly dir: string;
  readonly users: GroupUsers;
  /** A key both users accept; a key nobody accepts; a key with passphrase PASSPHRASE. */
  readonly keys: { readonly good: string; readonly wrong: string; readonly passphrase: string };
  /** known_hosts files: one with the remote's host key, an empty one, one with a wrong key for it. */
  readonly knownHosts: { readonly good: string; readonly empty: string; readonly changed: string };
  /** VNM_SSH_CONFIG for ssh run in the desktop namespace (no user or system config). */
  readonly desktopConfig: string;
  /** VNM_SSH_CONFIG for ssh run in the machine's namespace: a ProxyCommand through the desktop. */
  readonly proxyConfig: string;
  /** vnm+ssh://USER@192.0.2.2?keyfile=…&known_hosts=…&PARAMS */
  uri(user: string, params?: Record<string, string>): string;
  /** Runs a program inside the remote's network and mount namespaces. */
  inRemote(cmd: string, args: readonly string[]): Promise<Captured>;
  /** `vnm ARGS...` in the desktop namespace (the CLI bundle, as root). */
  desktopCli(args: readonly string[], env?: Record<string, string>): Promise<Captured>;
  /** Starts `vnm ARGS...` in the desktop namespace and leaves it running. */
  spawnDesktopCli(args: readonly string[]): ChildProcess;
  vnmdLog(): string;
  stopSshd(): Promise<void>;
  destroy(): Promise<void>;
}

export const PASSPHRASE = 'vnm test passphrase';

function untilOutput(
  child: ChildProcess,
  stream: 'stdout' | 'stderr',
  text: string,
  what: string,
): Promise<string> {
  return new Promise((res, rej) => {
    let seen = '';
    const onData = (c: Buffer) => {
      seen += c.toString();
      if (seen.includes(text)) {
        child[stream]?.off('data', onData);
        res(seen);
      }
    };
    child[stream]?.on('data', onData);
    child.once('exit', (code) =>
      rej(new Error(`${what} exited (${code}) before saying "${text}":\n${seen}`)),
    );
  });
}

async function waitForFile(path: string, text: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    let seen = '';
    try {
      seen = readFileSync(path, 'utf8');
    } catch {
      /* not written yet */
    }
    if (seen.includes(text)) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not start:\n${seen}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function keygen(path: string, passphrase = ''): Promise<string> {
  await mustRun('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'vnm-test', '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
}

function sshdConfig(dir: string, users: GroupUsers): string {
  return `ListenAddress ${REMOTE_ADDRESS}:22
HostKey ${dir}/host_key
PidFile ${dir}/sshd.pid
AuthorizedKeysFile ${dir}/authorized/%u
# The temp folder sits under /tmp (world-writable), which StrictModes would refuse.
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers ${users.member} ${users.outsider}
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
UseDNS no
LoginGraceTime 20
`;
}

/**
 * Ends every process in the remote's mount namespace but its holder: all of them were started
 * into it by this helper (nsenter), so none belongs to anyone else. Waits until they are gone.
 */
async function endSessions(holderPid: number): Promise<void> {
  const ns = (pid: string | number) => {
    try {
      return readlinkSync(`/proc/${pid}/ns/mnt`);
    } catch {
      return null;
    }
  };
  const mine = ns(holderPid);
  if (!mine) return;
  const inside = () =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p) && Number(p) !== holderPid && ns(p) === mine)
      .map(Number);
  for (const pid of inside()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone already */
    }
  }
  const deadline = Date.now() + 5_000;
  while (inside().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of inside()) process.kill(pid, 'SIGKILL');
}

export async function createSshRemote(prefix: string): Promise<SshRemote> {
  const dir = mkdtempSync(join(tmpdir(), 'vnmt-ssh-'));
  chmodSync(dir, 0o755);
  const undo: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const u of undo.reverse()) await u();
  };
  try {
    return await build(prefix, dir, undo, cleanup);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function build(
  prefix: string,
  dir: string,
  undo: (() => Promise<void> | void)[],
  cleanup: () => Promise<void>,
): Promise<SshRemote> {
  const cli = await cliBundle();
  const desktop = await createNetns(`${prefix}d`);
  undo.push(() => desktop.destroy());
  const remote = await createNetns(`${prefix}r`);
  undo.push(() => remote.destroy());
  await connectVeth(desktop, 'vnmtd0', remote, 'vnmtr0');
  await desktop.exec('ip', ['addr', 'add', `${DESKTOP_ADDRESS}/24`, 'dev', 'vnmtd0']);
  await remote.exec('ip', ['addr', 'add', `${REMOTE_ADDRESS}/24`, 'dev', 'vnmtr0']);

  // The remote's mount namespace, held by one process; everything of the remote joins it.
  const holder = remote.spawn('unshare', [
    '--mount',
    '--propagation',
    'private',
    '--',
    'sh',
    '-c',
    'echo ready; exec sleep infinity',
  ]);
  await untilOutput(holder, 'stdout', 'ready', 'the remote mount namespace');
  // Entering a mount namespace starts at / unless told: keep this process's folder (npx tsx).
  const enter = ['-t', String(holder.pid), '-m', '-n', `--wd=${process.cwd()}`, '--'];
  const inRemote = (cmd: string, args: readonly string[]) => capture('nsenter', [...enter, cmd, ...args]);
  const mustInRemote = (cmd: string, args: readonly string[]) => mustRun('nsenter', [...enter, cmd, ...args]);
  await mustInRemote('mount', ['-t', 'tmpfs', '-o', 'mode=755', 'vnmt-remote-run', '/run']);
  await mustInRemote('mkdir', ['-m', '755', '/run/vnm', '/run/sshd']);
  mkdirSync(join(dir, 'bin'), { mode: 0o755 });
  writeFileSync(join(dir, 'bin/vnm'), `#!/bin/sh\nexec ${process.execPath} ${cli} "$@"\n`, { mode: 0o755 });
  await mustInRemote('mount', ['--bind', join(dir, 'bin'), '/usr/local/bin']);

  const users = await createGroupUsers('vnmts');
  undo.push(() => users.remove());
  // Before the users go: their sessions (sshd's children, `vnm proxy`) outlive sshd's listener
  // while a client (the app) stays connected, and userdel refuses a user with processes.
  undo.push(() => endSessions(holder.pid!));
  const shell = join(dir, 'chatty-shell');
  writeFileSync(shell, `#!/bin/sh\necho '${GREETING}'\nexec /bin/sh "$@"\n`, { mode: 0o755 });
  for (const u of [users.member, users.outsider]) {
    mkdirSync(join(dir, `home-${u}`), { mode: 0o755 });
    // '*', not useradd's '!': sshd without PAM refuses a locked account even with a key.
    await mustRun('usermod', ['-s', shell, '-d', join(dir, `home-${u}`), '-p', '*', u]);
  }

  const keys = { good: join(dir, 'id_good'), wrong: join(dir, 'id_wrong'), passphrase: join(dir, 'id_pass') };
  const hostKey = await keygen(join(dir, 'host_key'));
  const goodPub = await keygen(keys.good);
  const wrongPub = await keygen(keys.wrong);
  const passPub = await keygen(keys.passphrase, PASSPHRASE);
  mkdirSync(join(dir, 'authorized'));
  for (const u of [users.member, users.outsider])
    writeFileSync(join(dir, 'authorized', u), `${goodPub}\n${passPub}\n`);
  const knownHosts = {
    good: join(dir, 'kh_good'),
    empty: join(dir, 'kh_empty'),
    changed: join(dir, 'kh_changed'),
  };
  writeFileSync(knownHosts.good, `${REMOTE_ADDRESS} ${hostKey}\n`);
  writeFileSync(knownHosts.empty, '');
  writeFileSync(knownHosts.changed, `${REMOTE_ADDRESS} ${wrongPub}\n`);
  const desktopConfig = join(dir, 'ssh_config_desktop');
  writeFileSync(desktopConfig, '# No user or system ssh configuration: only what vnm passes.\n');
  const proxyConfig = join(dir, 'ssh_config_proxy');
  writeFileSync(
    proxyConfig,
    `ProxyCommand ip netns exec ${desktop.name} ${process.execPath} ${RELAY} %h %p\n`,
  );

  const sshdLog = join(dir, 'sshd.log');
  writeFileSync(join(dir, 'sshd_config'), sshdConfig(dir, users));
  const sshd = spawn(
    'nsenter',
    [...enter, '/usr/sbin/sshd', '-D', '-f', join(dir, 'sshd_config'), '-E', sshdLog],
    {
      stdio: 'ignore',
    },
  );
  await waitForFile(sshdLog, 'Server listening', sshd, 'sshd');

  const state = join(dir, 'vnmd');
  mkdirSync(state, { mode: 0o755 });
  const vnmd = spawn(
    'nsenter',
    [
      ...enter,
      process.execPath,
      cli,
      'daemon',
      '--config-dir',
      join(state, 'etc'),
      '--state-dir',
      join(state, 'lib'),
    ].concat(['--runtime-dir', '/run/vnm', '--socket-group', users.group]),
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let vnmdLog = '';
  vnmd.stdout?.on('data', (c: Buffer) => (vnmdLog += c.toString()));
  const listening = untilOutput(vnmd, 'stderr', 'listening', 'vnmd');
  vnmd.stderr?.on('data', (c: Buffer) => (vnmdLog += c.toString()));
  await listening;

  const stopped = (child: ChildProcess) =>
    new Promise<void>((res) =>
      child.exitCode !== null || child.signalCode !== null ? res() : child.once('exit', () => res()),
    );
  return {
    desktop,
    remote,
    dir,
    users,
    keys,
    knownHosts,
    desktopConfig,
    proxyConfig,
    uri(user, params = {}) {
      const q = new URLSearchParams({ keyfile: keys.good, known_hosts: knownHosts.good, ...params });
      return `vnm+ssh://${user}@${REMOTE_ADDRESS}/system?${q.toString()}`;
    },
    inRemote,
    desktopCli: (args, env = {}) =>
      capture('ip', ['netns', 'exec', desktop.name, process.execPath, cli, ...args], {
        env: { VNM_SSH_CONFIG: desktopConfig, ...env },
        timeoutMs: 60_000,
      }),
    spawnDesktopCli: (args) =>
      spawn('ip', ['netns', 'exec', desktop.name, process.execPath, cli, ...args], {
        env: { ...process.env, LC_ALL: 'C', VNM_SSH_CONFIG: desktopConfig },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    vnmdLog: () => vnmdLog,
    async stopSshd() {
      sshd.kill('SIGTERM');
      await stopped(sshd);
    },
    async destroy() {
      vnmd.kill('SIGTERM');
      await stopped(vnmd);
      await cleanup();
    },
  };
}
