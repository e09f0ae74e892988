/**
 * vnm+ssh:// end to end (issue 18): from a "desktop" namespace, `vnm -c vnm+ssh://…` drives a
 * vnmd that lives only in a "remote" namespace with its own mount namespace, through a real
 * sshd on a test key and a login shell that prints a greeting first (ssh-remote.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectUri } from '../../electron/client/connect';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { destroyAllNetns } from '../helpers/netns';
import { capture } from '../helpers/proc';
import { createSshRemote, GREETING, PASSPHRASE, REMOTE_ADDRESS, type SshRemote } from '../helpers/ssh-remote';

let r: SshRemote;
let uri: string;

const netXml = (name: string, bridge: string, third: number) => `<network>
  <name>${name}</name>
  <bridge name='${bridge}' stp='off'/>
  <ip address='10.64.${third}.1' prefix='24'><dhcp><range start='10.64.${third}.100' end='10.64.${third}.150'/></dhcp></ip>
</network>`;

beforeAll(async () => {
  r = await createSshRemote('ssh');
  uri = r.uri(r.users.member);
}, 120_000);

afterAll(async () => {
  await r?.destroy();
  await destroyAllNetns();
});

/** pids of `vnm proxy` processes on the remote. */
async function remoteProxies(): Promise<number[]> {
  const pids = (await capture('ip', ['netns', 'pids', r.remote.name])).stdout.split(/\s+/).filter(Boolean);
  return pids.map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('proxy');
    } catch {
      return false;
    }
  });
}

/** ssh processes this test process started. */
function sshChildren(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').trim();
        const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
        return comm === 'ssh' && Number(rest?.split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the remote', () => {
  it('has its vnmd socket where only the remote can see it, and a login shell that talks', async () => {
    expect((await r.inRemote('test', ['-S', '/run/vnm/vnmd.sock'])).code).toBe(0);
    expect(existsSync('/run/vnm/vnmd.sock')).toBe(false);
    expect((await r.desktop.tryExec('test', ['-S', '/run/vnm/vnmd.sock'])).code).not.toBe(0);
    const ssh = await r.desktop.exec('ssh', [
      ...['-F', r.desktopConfig, '-i', r.keys.good, '-o', `UserKnownHostsFile=${r.knownHosts.good}`],
      ...['-o', 'BatchMode=yes', `${r.users.member}@${REMOTE_ADDRESS}`, 'vnm', '--version'],
    ]);
    expect(ssh.stdout).toMatch(new RegExp(`^${GREETING.replace(/[()!]/g, '\\$&')}\n\\d+\\.\\d+\\.\\d+\n$`));
  });
});

describe('vnm -c vnm+ssh://', () => {
  it('lists, defines, starts and destroys a network that appears only in the remote', async () => {
    const file = join(r.dir, 'sshnet.xml');
    writeFileSync(file, netXml('sshnet', 'vnmssh0', 0));
    expect(await r.desktopCli(['-c', uri, 'net-define', file])).toMatchObject({
      code: 0,
      stdout: 'Network sshnet defined from ' + file + '\n\n',
    });
    expect((await r.desktopCli(['-c', uri, 'net-start', 'sshnet'])).stdout).toBe(
      'Network sshnet started\n\n',
    );
    expect((await r.remote.tryExec('ip', ['link', 'show', 'vnmssh0'])).code).toBe(0);
    expect((await r.desktop.tryExec('ip', ['link', 'show', 'vnmssh0'])).code).not.toBe(0);
    expect((await capture('ip', ['link', 'show', 'vnmssh0'])).code).not.toBe(0);
    // VNM_CONNECT works as -c does; the greeting never reaches the output.
    const list = await r.desktopCli(['net-list', '--all'], { VNM_CONNECT: uri });
    expect(list.stdout).toMatch(
      /^ Name\s+State\s+Autostart\s+Persistent\n-+\n sshnet\s+active\s+no\s+yes\n\n$/,
    );
    expect((await r.desktopCli(['-c', uri, 'net-destroy', 'sshnet'])).stdout).toBe(
      'Network sshnet destroyed\n\n',
    );
    expect((await r.remote.tryExec('ip', ['link', 'show', 'vnmssh0'])).code).not.toBe(0);
    expect((await r.desktopCli(['-c', uri, 'net-undefine', 'sshnet'])).code).toBe(0);
    expect((await r.desktopCli(['-c', uri, '-q', 'net-list', '--all', '--name'])).stdout).toBe('');
  });

  it('net-event receives the remote events', async () => {
    const events = r.spawnDesktopCli(['-c', uri, 'net-event', '--event', 'lifecycle', '--loop']);
    let out = '';
    events.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    const file = join(r.dir, 'evnet.xml');
    writeFileSync(file, '<network><name>evnet</name></network>');
    try {
      // net-event prints nothing until subscribed: define and undefine until it hears one.
      const deadline = Date.now() + 20_000;
      while (!out.includes('for network evnet: Defined') && Date.now() < deadline) {
        await r.desktopCli(['-c', uri, 'net-define', file]);
        await r.desktopCli(['-c', uri, 'net-undefine', 'evnet']);
      }
      expect(out).toContain("event 'lifecycle' for network evnet: Defined");
      await r.desktopCli(['-c', uri, 'net-define', file]);
      await r.desktopCli(['-c', uri, 'net-undefine', 'evnet']);
      const until = Date.now() + 10_000;
      while (!out.trimEnd().endsWith('evnet: Undefined') && Date.now() < until) {
        await new Promise((res) => events.stdout?.once('data', res));
      }
      expect(out.trimEnd()).toMatch(/evnet: Defined\n.*evnet: Undefined$/);
    } finally {
      events.kill('SIGTERM');
    }
  }, 60_000);

  it('net-dhcp-leases and net-stats show a remote guest', async () => {
    const file = join(r.dir, 'leasenet.xml');
    writeFileSync(file, netXml('leasenet', 'vnmssh1', 1));
    expect((await r.desktopCli(['-c', uri, 'net-define', file])).code).toBe(0);
    expect((await r.desktopCli(['-c', uri, 'net-start', 'leasenet'])).code).toBe(0);
    const guest = await createGuest(r.remote, 'vnmssh1');
    const lease = await runUdhcpc(guest.ns, { hostname: 'sshguest', tries: 10 });
    const leases = await r.desktopCli(['-c', uri, 'net-dhcp-leases', 'leasenet']);
    expect(leases.stdout).toMatch(
      new RegExp(`${guest.mac}\\s+ipv4\\s+${lease.ip.replaceAll('.', '\\.')}/24\\s+sshguest`),
    );
    const stats = await r.desktopCli([
      '-c',
      uri,
      'net-stats',
      'leasenet',
      '--json',
      '--count',
      '2',
      '--interval',
      '0.5',
    ]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stdout.trim().split('\n')).toHaveLength(2);
    await r.desktopCli(['-c', uri, 'net-destroy', 'leasenet']);
  }, 60_000);
});

describe('connectUri (the app entry point)', () => {
  it('works from the machine namespace through VNM_SSH_CONFIG, and close() ends ssh and the remote proxy', async () => {
    process.env.VNM_SSH_CONFIG = r.proxyConfig;
    try {
      const client = await connectUri(uri);
      expect(await client.call('network.list', { filter: 'all' })).toBeInstanceOf(Array);
      expect(sshChildren()).toHaveLength(1);
      expect(await remoteProxies()).toHaveLength(1);
      const closed = new Promise((res) => client.onClose(res));
      client.close();
      await closed;
      const deadline = Date.now() + 5000;
      while ((sshChildren().length > 0 || (await remoteProxies()).length > 0) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(sshChildren()).toEqual([]);
      expect(await remoteProxies()).toEqual([]);
    } finally {
      delete process.env.VNM_SSH_CONFIG;
    }
  });

  it('asks for a key passphrase and a new host key through askpass, and stores neither', async () => {
    process.env.VNM_SSH_CONFIG = r.proxyConfig;
    const knownHosts = join(r.dir, 'kh_asked');
    writeFileSync(knownHosts, '');
    const prompts: string[] = [];
    try {
      const asked = r.uri(r.users.member, { keyfile: r.keys.passphrase, known_hosts: knownHosts });
      const client = await connectUri(asked, {
        askpass: (prompt) => {
          prompts.push(prompt);
          return Promise.resolve(/continue connecting/.test(prompt) ? 'yes' : PASSPHRASE);
        },
      });
      expect(await client.call('network.list', { filter: 'all' })).toBeInstanceOf(Array);
      client.close();
      expect(prompts).toHaveLength(2);
      expect(prompts[0]).toMatch(/authenticity of host .* can't be established[\s\S]*SHA256:/);
      expect(prompts[1]).toMatch(/passphrase for key/);
      expect(readFileSync(knownHosts, 'utf8')).toContain('ssh-ed25519');
      // A cancelled question fails the login, with the reason.
      await expect(
        connectUri(asked, { askpass: () => Promise.resolve(null), readOnly: true }),
      ).rejects.toMatchObject({ reason: 'auth-failed' });
    } finally {
      delete process.env.VNM_SSH_CONFIG;
    }
  });
});
