/**
 * vnm on a desktop (issue 12): vnmd started by systemd's socket activation
 * (systemd-socket-activate passes the sockets as systemd does, without systemd as PID 1), the
 * read-write socket open to the members of a group, and dnsmasq serving as nobody.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { connectVnmd } from '../../electron/client/client';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { destroyAllNetns } from '../helpers/netns';
import { capture, mustRun } from '../helpers/proc';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { cliBundle, makeDirs, removeDirs, startVnmd, type Vnmd, type VnmdDirs } from '../helpers/vnmd';

const tag = `${process.pid % 100000}`;
const GROUP = `vnmtg${tag}`;
const MEMBER = `vnmtm${tag}`;
const OUTSIDER = `vnmto${tag}`;

const bootXml = (name: string, bridge: string, third: number) => `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  <bridge name='${bridge}' stp='off'/>
  <dns><host ip='10.${third}.0.9'><hostname>printer</hostname></host></dns>
  <ip address='10.${third}.0.1' prefix='24'><dhcp><range start='10.${third}.0.10' end='10.${third}.0.50'/></dhcp></ip>
</network>`;

let sb: Sandbox;
const allDirs: VnmdDirs[] = [];
const spawned: ChildProcess[] = [];

beforeAll(async () => {
  sb = await createSandbox('dsk');
});

afterAll(async () => {
  for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await destroyAllNetns();
  allDirs.forEach(removeDirs);
  for (const user of [MEMBER, OUTSIDER]) await capture('userdel', [user]);
  await capture('groupdel', [GROUP]);
});

function exited(child: ChildProcess): Promise<void> {
  return new Promise((res) =>
    child.exitCode !== null || child.signalCode !== null ? res() : child.once('exit', () => res()),
  );
}

/** Resolves once the network is active: asks, then waits for its `started` event. */
async function waitActive(client: VnmClient, network: string): Promise<void> {
  const started = new Promise<void>((res) =>
    client.onEvent((e) => e.type === 'lifecycle' && e.network === network && e.event === 'started' && res()),
  );
  await client.call('events.subscribe', {});
  if ((await client.call('network.info', { network })).active) return;
  await started;
}

/** vnmd behind systemd-socket-activate: returns once both sockets listen, before vnmd runs. */
async function activate(dirs: VnmdDirs): Promise<{ child: ChildProcess; log: () => string }> {
  const cli = await cliBundle();
  mkdirSync(dirs.runtimeDir, { recursive: true });
  const daemon = ['node', cli, 'daemon', '--config-dir', dirs.configDir, '--state-dir', dirs.stateDir];
  daemon.push('--runtime-dir', dirs.runtimeDir);
  const args = ['-l', dirs.socket, '-l', dirs.roSocket, '--fdname=vnmd:vnmd-ro', '--', ...daemon];
  const child = sb.host.spawn('systemd-socket-activate', args);
  spawned.push(child);
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
  return { child, log: () => log };
}

const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();

describe('socket activation (systemd-socket-activate)', () => {
  it('starts vnmd on the first connection to either socket, and starts autostart networks', async () => {
    const dirs = makeDirs();
    allDirs.push(dirs);
    // Defined with autostart by a vnmd started by hand, then that vnmd stops: as before a reboot.
    const byHand = await startVnmd(sb.host, { dirs });
    const c0 = await byHand.client();
    await c0.call('network.define', { xml: bootXml('boot', 'vnmsa0', 71) });
    await c0.call('network.setAutostart', { network: 'boot', autostart: true });
    c0.close();
    await byHand.stop();

    for (const first of ['read-only', 'read-write'] as const) {
      const act = await activate(dirs);
      const pid = act.child.pid!;
      // Nothing has connected yet: the activator holds the sockets, vnmd is not running.
      expect(comm(pid)).toBe('systemd-socket-');
      const ro = first === 'read-only';
      const c1 = await connectVnmd(ro ? dirs.roSocket : dirs.socket);
      const names = (await c1.call('network.list', { filter: 'all' })).map((n) => n.name);
      expect(names).toEqual(['boot']);
      await waitActive(c1, 'boot');
      // The activator exec'd vnmd in its place, which serves on the sockets it was passed.
      expect(comm(pid)).toBe('node');
      const c2 = await connectVnmd(ro ? dirs.socket : dirs.roSocket);
      expect((await c2.call('network.list', {}))[0]).toMatchObject({ name: 'boot', active: true });
      if (first === 'read-write') await (ro ? c2 : c1).call('network.destroy', { network: 'boot' });
      c1.close();
      c2.close();
      act.child.kill('SIGTERM');
      await exited(act.child);
      expect(act.log()).toContain('passed by systemd');
    }
  });
});

describe('access through a group, and dnsmasq as nobody', () => {
  let vnmd: Vnmd;
  let cli: string;

  /** The CLI as `user`, outside the namespace (a UNIX socket needs none). */
  const as = (user: string, args: readonly string[]) =>
    capture(
      'setpriv',
      [
        `--reuid=${user}`,
        `--regid=${user === MEMBER ? GROUP : 'nogroup'}`,
        '--init-groups',
        'node',
        cli,
        ...args,
      ],
      {
        env: { HOME: '/', USER: user },
        timeoutMs: 60_000,
      },
    );

  beforeAll(async () => {
    await mustRun('groupadd', [GROUP]);
    await mustRun('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', '-G', GROUP, MEMBER]);
    await mustRun('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', OUTSIDER]);
    cli = await cliBundle();
    // The bundle's temp folder is 0700 (mkdtemp): the test users must be able to run it.
    chmodSync(dirname(cli), 0o755);
    const dirs = makeDirs();
    allDirs.push(dirs);
    vnmd = await startVnmd(sb.host, { dirs, args: ['--socket-group', GROUP] });
  });

  afterAll(async () => {
    await vnmd?.kill();
  });

  it('lets a member of the group define, start, stop and undefine through the read-write socket', async () => {
    const file = join(vnmd.dirs.base, 'member.xml');
    writeFileSync(file, bootXml('member', 'vnmsa1', 72), { mode: 0o644 });
    const rw = ['-c', `unix:${vnmd.dirs.socket}`];
    for (const verb of [
      ['net-define', file],
      ['net-start', 'member'],
      ['net-destroy', 'member'],
      ['net-undefine', 'member'],
    ]) {
      const r = await as(MEMBER, [...rw, ...verb]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it('tells a user outside the group which group opens the socket, and lets them read', async () => {
    const r = await as(OUTSIDER, ['-c', `unix:${vnmd.dirs.socket}`, 'net-list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`you are not in group ${GROUP}`);
    expect(r.stderr).toContain(`sudo usermod -aG ${GROUP} $USER`);
    expect(r.stderr).not.toContain('not running');
    const ro = ['-c', `unix:${vnmd.dirs.roSocket}`];
    const list = await as(OUTSIDER, [...ro, 'net-list', '--all']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Name');
    const start = await as(OUTSIDER, [...ro, 'net-start', 'nothing']);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/read-only/);
  });

  it('runs dnsmasq as nobody: leases, DNS, a live static host, and adoption after kill -9', async () => {
    const c = await vnmd.client();
    await c.call('network.define', { xml: bootXml('nob', 'vnmsa2', 73) });
    await c.call('network.start', { network: 'nob' });
    const pid = (await c.call('network.info', { network: 'nob' })).dnsmasqPid!;
    const user = async (p: number) => (await mustRun('ps', ['-o', 'user=', '-p', String(p)])).stdout.trim();
    expect(await user(pid)).toBe('nobody');

    const guest = await createGuest(sb.host, 'vnmsa2');
    expect((await runUdhcpc(guest.ns)).ip).toMatch(/^10\.73\.0\.(1\d|[2-4]\d|50)$/);
    const answer = await guest.ns.exec('busybox', ['nslookup', '-type=a', 'printer', '10.73.0.1']);
    expect(answer.stdout).toContain('10.73.0.9');

    // A static host added live: dnsmasq (as nobody) rereads its hosts file on SIGHUP.
    const fixed = await createGuest(sb.host, 'vnmsa2');
    const host = `<host mac='${fixed.mac}' name='fixed' ip='10.73.0.77'/>`;
    const update = {
      network: 'nob',
      command: 'add',
      section: 'ip-dhcp-host',
      xml: host,
      live: true,
      config: true,
    };
    await c.call('network.update', update as never);
    expect((await runUdhcpc(fixed.ns)).ip).toBe('10.73.0.77');
    c.close();

    await vnmd.kill();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs, args: ['--socket-group', GROUP] });
    const c2 = await vnmd.client();
    expect(await c2.call('network.info', { network: 'nob' })).toMatchObject({
      active: true,
      dnsmasqPid: pid,
      problem: null,
    });
    expect(await user(pid)).toBe('nobody');
    await c2.call('network.destroy', { network: 'nob' });
    c2.close();
  });
});
