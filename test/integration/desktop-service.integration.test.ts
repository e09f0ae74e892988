/**
 * vnm on a desktop (issue 12), with vnmd started by hand (`sudo vnm daemon`): the read-write
 * socket open to the members of a group (--socket-group), and dnsmasq serving as nobody with
 * files it may read and not change. Socket activation: desktop-activation.integration.test.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGroupUsers, type GroupUsers } from '../helpers/group-users';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { destroyAllNetns } from '../helpers/netns';
import { capture, mustRun } from '../helpers/proc';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const netXml = (name: string, bridge: string, third: number) => `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  <bridge name='${bridge}' stp='off'/>
  <dns><host ip='10.${third}.0.9'><hostname>printer</hostname></host></dns>
  <ip address='10.${third}.0.1' prefix='24'><dhcp><range start='10.${third}.0.10' end='10.${third}.0.50'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let users: GroupUsers;
let vnmd: Vnmd;

beforeAll(async () => {
  sb = await createSandbox('dsk');
  users = await createGroupUsers('vnmts');
  vnmd = await startVnmd(sb.host, { args: ['--socket-group', users.group] });
});

afterAll(async () => {
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
  users?.remove();
});

describe('access through a group', () => {
  it('lets a member of the group define, start, stop and undefine through the read-write socket', async () => {
    const file = join(vnmd.dirs.base, 'member.xml');
    writeFileSync(file, netXml('member', 'vnmsa1', 72), { mode: 0o644 });
    const rw = ['-c', `unix:${vnmd.dirs.socket}`];
    for (const verb of [
      ['net-define', file],
      ['net-start', 'member'],
      ['net-destroy', 'member'],
      ['net-undefine', 'member'],
    ]) {
      const r = await users.cli(users.member, [...rw, ...verb]);
      expect({ verb: verb[0], code: r.code, err: r.stderr }).toEqual({ verb: verb[0], code: 0, err: '' });
    }
  });

  it('tells a user outside the group which group opens the socket, and lets them read', async () => {
    const r = await users.cli(users.outsider, ['-c', `unix:${vnmd.dirs.socket}`, 'net-list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`you are not in group ${users.group}`);
    expect(r.stderr).toContain(`sudo usermod -aG ${users.group} $USER`);
    expect(r.stderr).not.toContain('not running');
    const ro = ['-c', `unix:${vnmd.dirs.roSocket}`];
    const list = await users.cli(users.outsider, [...ro, 'net-list', '--all']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Name');
    const start = await users.cli(users.outsider, [...ro, 'net-start', 'nothing']);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/read-only/);
  });
});

/** Alive and not a zombie (this machine's PID 1 may be slow to reap what it inherits). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

const psUser = async (pid: number) => (await mustRun('ps', ['-o', 'user=', '-p', String(pid)])).stdout.trim();

/** Whether nobody (dnsmasq's account) may `test -OP path`. */
async function nobodyMay(op: '-r' | '-w', path: string): Promise<boolean> {
  const r = await capture('setpriv', [
    '--reuid=nobody',
    '--regid=nogroup',
    '--clear-groups',
    'test',
    op,
    path,
  ]);
  return r.code === 0;
}

/** A live update that dnsmasq can only learn from its files, on SIGHUP. */
function addLive(c: VnmClient, section: 'ip-dhcp-host' | 'dns-host', xml: string) {
  const update = { network: 'nob', command: 'add', section, xml, live: true, config: true } as const;
  return c.call('network.update', update);
}

async function resolves(guest: Awaited<ReturnType<typeof createGuest>>, name: string): Promise<string> {
  return (await guest.ns.exec('busybox', ['nslookup', '-type=a', name, '10.73.0.1'])).stdout;
}

describe('dnsmasq as nobody', () => {
  it('serves leases and DNS, takes live updates, and keeps doing so after vnmd is killed and restarted', async () => {
    const c = await vnmd.client();
    await c.call('network.define', { xml: netXml('nob', 'vnmsa2', 73) });
    await c.call('network.start', { network: 'nob' });
    const pid = (await c.call('network.info', { network: 'nob' })).dnsmasqPid!;
    expect(await psUser(pid)).toBe('nobody');

    const guest = await createGuest(sb.host, 'vnmsa2');
    expect((await runUdhcpc(guest.ns)).ip).toMatch(/^10\.73\.0\.(1\d|[2-4]\d|50)$/);
    expect(await resolves(guest, 'printer')).toContain('10.73.0.9');

    // Live static hosts: dnsmasq (as nobody) rereads its hosts files on SIGHUP.
    const fixed = await createGuest(sb.host, 'vnmsa2');
    await addLive(c, 'ip-dhcp-host', `<host mac='${fixed.mac}' name='fixed' ip='10.73.0.77'/>`);
    expect((await runUdhcpc(fixed.ns)).ip).toBe('10.73.0.77');
    await addLive(c, 'dns-host', `<host ip='10.73.0.8'><hostname>scanner</hostname></host>`);
    expect(await resolves(guest, 'scanner')).toContain('10.73.0.8');
    c.close();

    await vnmd.kill();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs, args: ['--socket-group', users.group] });
    const c2 = await vnmd.client();
    expect(await c2.call('network.info', { network: 'nob' })).toMatchObject({
      active: true,
      dnsmasqPid: pid,
      problem: null,
    });
    expect(await psUser(pid)).toBe('nobody');
    // The adopted dnsmasq still takes live updates from the new vnmd and still leases.
    const late = await createGuest(sb.host, 'vnmsa2');
    await addLive(c2, 'ip-dhcp-host', `<host mac='${late.mac}' name='late' ip='10.73.0.78'/>`);
    await addLive(c2, 'dns-host', `<host ip='10.73.0.7'><hostname>plotter</hostname></host>`);
    expect((await runUdhcpc(late.ns)).ip).toBe('10.73.0.78');
    expect(await resolves(guest, 'plotter')).toContain('10.73.0.7');
    await c2.call('network.destroy', { network: 'nob' });
    c2.close();
  });

  it('may read its configuration and hosts files, and change none of vnm’s files but its pid file', async () => {
    const c = await vnmd.client();
    await c.call('network.define', { xml: netXml('files', 'vnmsa4', 75) });
    await c.call('network.start', { network: 'files' });
    const dnsmasqPid = (await c.call('network.info', { network: 'files' })).dnsmasqPid!;
    c.close();
    const state = join(vnmd.dirs.stateDir, 'dnsmasq');
    for (const ext of ['conf', 'hostsfile', 'addnhosts']) {
      expect(await nobodyMay('-r', `${state}/files.${ext}`)).toBe(true);
    }
    const run = join(vnmd.dirs.runtimeDir, 'dnsmasq');
    const paths = [vnmd.dirs.configDir, vnmd.dirs.stateDir, vnmd.dirs.runtimeDir, state, run];
    for (const dir of [vnmd.dirs.configDir, state, run, vnmd.dirs.runtimeDir]) {
      paths.push(...readdirSync(dir).map((f) => join(dir, f)));
    }
    expect(paths.filter((p) => p.endsWith('files.leases'))).toHaveLength(1);
    const writable = [];
    // The read-only socket is everyone's by design (0666).
    for (const p of paths.filter((x) => x !== vnmd.dirs.roSocket)) {
      if (await nobodyMay('-w', p)) writable.push(p);
    }
    // dnsmasq gives its pid file to the account it runs as (as libvirt's does), and vnmd
    // never takes that file's word alone: below, a pid written there by nobody is ignored.
    const pidFile = join(run, 'files.pid');
    expect(writable).toEqual([pidFile]);

    const bystander = sb.host.spawn('sleep', ['600']);
    const lie = await capture('setpriv', [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      'sh',
      '-c',
      `echo ${bystander.pid} > ${pidFile}`,
    ]);
    expect(lie.code, lie.stderr).toBe(0);
    await vnmd.kill();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs, args: ['--socket-group', users.group] });
    const c2 = await vnmd.client();
    await c2.call('network.destroy', { network: 'files' });
    c2.close();
    expect(running(dnsmasqPid)).toBe(false);
    expect(vnmd.log()).toContain('adopted running network files');
    expect(bystander.exitCode === null && bystander.signalCode === null).toBe(true);
    bystander.kill('SIGKILL');
  });
});
