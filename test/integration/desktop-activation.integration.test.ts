/**
 * vnm as the deb sets it up (issue 12), with systemd's part played by systemd-socket-activate:
 * vnmd.socket and vnmd-ro.socket listen before vnmd runs, with the descriptor names, modes and
 * group their units give; the first connection to either starts vnmd, which starts the
 * autostart networks by itself (as at boot); a member of the socket's group manages networks
 * through the read-write socket, anyone else is told how to join the group and may still read.
 */
import { createConnection } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGroupUsers, type GroupUsers } from '../helpers/group-users';
import { destroyAllNetns } from '../helpers/netns';
import { capture, type Captured } from '../helpers/proc';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { activateVnmd, type Activator } from '../helpers/socket-activation';
import { cliBundle, makeDirs, removeDirs, startVnmd, type VnmdDirs } from '../helpers/vnmd';

const netXml = (name: string, bridge: string, third: number) => `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  <bridge name='${bridge}' stp='off'/>
  <ip address='10.${third}.0.1' prefix='24'><dhcp><range start='10.${third}.0.10' end='10.${third}.0.50'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let users: GroupUsers;
const allDirs: VnmdDirs[] = [];
const activators: Activator[] = [];

beforeAll(async () => {
  sb = await createSandbox('dsa');
  users = await createGroupUsers('vnmta');
});

afterAll(async () => {
  for (const a of activators) a.child.kill('SIGKILL');
  await destroyAllNetns();
  allDirs.forEach(removeDirs);
  users?.remove();
});

function newDirs(): VnmdDirs {
  const dirs = makeDirs();
  allDirs.push(dirs);
  return dirs;
}

/** `vnm -c unix:SOCKET ARGS...` as root, from outside the namespace. */
async function rootCli(socket: string, args: readonly string[]): Promise<Captured> {
  return capture('node', [await cliBundle(), '-c', `unix:${socket}`, ...args], { timeoutMs: 60_000 });
}

/** Connects and hangs up without a request: what wakes vnmd is the connection alone. */
function knock(socket: string): Promise<void> {
  return new Promise((res, rej) => {
    const s = createConnection(socket);
    s.once('connect', () => s.end(res));
    s.once('error', rej);
  });
}

const ACTIVE_BOOT = /^ boot\s+active\s+yes\s+yes\s*$/m;

describe('socket activation (systemd-socket-activate with the units’ settings)', () => {
  it('starts vnmd on a first connection to either socket, and vnmd starts autostart networks unasked', async () => {
    const dirs = newDirs();
    // Defined with autostart by a vnmd started by hand, which then stops: as before a reboot.
    const byHand = await startVnmd(sb.host, { dirs });
    const c0 = await byHand.client();
    await c0.call('network.define', { xml: netXml('boot', 'vnmsa0', 71) });
    await c0.call('network.setAutostart', { network: 'boot', autostart: true });
    c0.close();
    await byHand.stop();

    for (const first of [dirs.roSocket, dirs.socket]) {
      const act = await activateVnmd(sb.host, dirs, users.gid);
      activators.push(act);
      // The activator holds both sockets; vnmd is not running and no bridge is there.
      expect(act.vnmdRunning()).toBe(false);
      expect((await sb.host.tryExec('ip', ['link', 'show', 'vnmsa0'])).code).not.toBe(0);

      await knock(first);
      // Only reads from here on: network `boot` must come up without anyone asking for it.
      await vi.waitFor(
        async () => expect((await rootCli(dirs.roSocket, ['net-list'])).stdout).toMatch(ACTIVE_BOOT),
        { timeout: 30_000, interval: 250 },
      );
      expect(act.vnmdRunning()).toBe(true);
      const rw = await rootCli(dirs.socket, ['net-list', '--all']);
      expect({ code: rw.code, err: rw.stderr }).toEqual({ code: 0, err: '' });
      expect(rw.stdout).toMatch(ACTIVE_BOOT);
      expect(act.log()).toContain('passed by systemd');
      expect(act.log()).toContain('autostarted network boot');

      // Stopped again, so the next round proves a fresh autostart, not the adoption of this one.
      expect((await rootCli(dirs.socket, ['net-destroy', 'boot'])).code).toBe(0);
      await act.stop();
    }
  });
});

describe('who may use the activated sockets', () => {
  let dirs: VnmdDirs;

  beforeAll(async () => {
    dirs = newDirs();
    activators.push(await activateVnmd(sb.host, dirs, users.gid));
    const file = join(dirs.base, 'shown.xml');
    writeFileSync(file, netXml('shown', 'vnmsa3', 74));
    expect((await rootCli(dirs.socket, ['net-define', file])).code).toBe(0);
  });

  it('lets a member of the socket’s group define, start, stop and undefine a network', async () => {
    const file = join(dirs.base, 'member.xml');
    writeFileSync(file, netXml('member', 'vnmsa1', 72), { mode: 0o644 });
    const rw = ['-c', `unix:${dirs.socket}`];
    for (const verb of [
      ['net-define', file],
      ['net-start', 'member'],
      ['net-list'],
      ['net-destroy', 'member'],
      ['net-undefine', 'member'],
    ]) {
      const r = await users.cli(users.member, [...rw, ...verb]);
      expect({ verb: verb[0], code: r.code, err: r.stderr }).toEqual({ verb: verb[0], code: 0, err: '' });
      if (verb[0] === 'net-list') expect(r.stdout).toMatch(/^ member\s+active\s/m);
    }
    expect((await sb.host.tryExec('ip', ['link', 'show', 'vnmsa1'])).code).not.toBe(0);
  });

  it('tells a user outside the group how to join it, and lets them read but not change', async () => {
    const r = await users.cli(users.outsider, ['-c', `unix:${dirs.socket}`, 'net-list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(`you are not in group ${users.group}`);
    expect(r.stderr).toContain(`sudo usermod -aG ${users.group} $USER`);
    expect(r.stderr).not.toContain('not running');
    const ro = ['-c', `unix:${dirs.roSocket}`];
    const list = await users.cli(users.outsider, [...ro, 'net-list', '--all']);
    expect({ code: list.code, err: list.stderr }).toEqual({ code: 0, err: '' });
    expect(list.stdout).toMatch(/^ shown\s+inactive\s+no\s+yes\s*$/m);
    const start = await users.cli(users.outsider, [...ro, 'net-start', 'shown']);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/read-only/);
    expect((await rootCli(dirs.socket, ['net-list', '--all'])).stdout).toMatch(/^ shown\s+inactive\s/m);
  });
});
