/**
 * The `vnm` CLI against a real vnmd: virsh's verbs, messages and tables, --json for
 * scripts, net-edit through $EDITOR, net-event, autostart when vnmd starts, the host
 * methods, and `vnm daemon` without CAP_NET_ADMIN.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../helpers/sandbox';
import { capture } from '../helpers/proc';
import { tapRpc } from '../helpers/rpc-tap';
import { cliBundle, startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const XML = `<network>
  <name>cli</name>
  <uuid>0c0c0c0c-1111-4222-8333-444444444444</uuid>
  <forward mode='nat'/>
  <bridge name='vnmcli0'/>
  <ip address='10.60.0.1' prefix='24'><dhcp><range start='10.60.0.10' end='10.60.0.20'/></dhcp></ip>
</network>
`;

let sb: Sandbox;
let vnmd: Vnmd;
let file: string;

setUpVnmdSandbox(
  'cli',
  (s) => {
    ({ sb, vnmd } = s);
    file = join(vnmd.dirs.base, 'cli.xml');
    writeFileSync(file, XML);
  },
  { client: false },
);

describe('vnm verbs', () => {
  it('define, list, info, autostart, uuid, name, dumpxml, start, destroy, undefine as virsh prints them', async () => {
    const ok = async (...args: string[]) => {
      const r = await vnmd.cli(args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    expect(await ok('net-define', file)).toBe(`Network cli defined from ${file}\n\n`);
    expect(await ok('net-list', '--all')).toBe(
      ' Name   State      Autostart   Persistent\n' +
        '-------------------------------------------\n' +
        ' cli    inactive   no          yes\n\n',
    );
    expect(await ok('net-list')).toBe(
      ' Name   State   Autostart   Persistent\n----------------------------------------\n\n',
    );
    expect(await ok('net-autostart', 'cli')).toBe('Network cli marked as autostarted\n\n');
    expect(await ok('net-uuid', 'cli')).toBe('0c0c0c0c-1111-4222-8333-444444444444\n\n');
    expect(await ok('net-name', '0c0c0c0c-1111-4222-8333-444444444444')).toBe('cli\n\n');
    expect(await ok('net-start', '--network', 'cli')).toBe('Network cli started\n\n');
    expect(await ok('net-info', 'cli')).toBe(
      'Name:           cli\nUUID:           0c0c0c0c-1111-4222-8333-444444444444\nActive:         yes\n' +
        'Persistent:     yes\nAutostart:      yes\nBridge:         vnmcli0\n\n',
    );
    const info = JSON.parse(await ok('net-info', 'cli', '--json')) as Record<string, unknown>;
    expect(info).toMatchObject({
      name: 'cli',
      active: true,
      subnets: ['10.60.0.0/24'],
      dnsmasqPid: expect.any(Number) as unknown,
    });
    const list = JSON.parse(await ok('net-list', '--json')) as { name: string }[];
    expect(list.map((n) => n.name)).toEqual(['cli']);
    expect(await ok('net-dumpxml', 'cli', '--inactive')).toMatch(
      /^<network>\n {2}<name>cli<\/name>[\s\S]*<mac address='52:54:00:[0-9a-f:]+'\/>[\s\S]*<\/network>\n\n$/,
    );
    expect(JSON.parse(await ok('net-dhcp-leases', 'cli', '--json'))).toEqual([]);
    expect(await ok('net-autostart', 'cli', '--disable')).toBe('Network cli unmarked as autostarted\n\n');
    // virsh names the network as it was given.
    expect(await ok('net-destroy', '0c0c0c0c-1111-4222-8333-444444444444')).toBe(
      'Network 0c0c0c0c-1111-4222-8333-444444444444 destroyed\n\n',
    );
    expect(await ok('net-undefine', 'cli')).toBe('Network cli has been undefined\n\n');
    expect(await ok('net-create', file)).toBe(`Network cli created from ${file}\n\n`);
    expect(await ok('net-list', '--all', '--name')).toBe('cli\n\n');
    expect(await ok('net-destroy', 'cli')).toBe('Network cli destroyed\n\n');
    expect(await ok('net-list', '--all', '--name')).toBe('\n');
  });

  it('prints virsh-style errors for a missing network', async () => {
    const r = await vnmd.cli(['net-start', 'ghost']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: failed to get network 'ghost'\nerror: Network not found: no network with matching name 'ghost'/,
    );
  });

  it('net-edit re-defines what the editor saved, and refuses an invalid edit', async () => {
    await vnmd.cli(['net-define', file]);
    const editor = join(vnmd.dirs.base, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/10.60.0.20/10.60.0.30/" "$1"\n');
    chmodSync(editor, 0o755);
    const r = await vnmd.cli(['net-edit', 'cli'], { env: { EDITOR: editor } });
    expect(r.stdout).toBe('Network cli XML configuration edited.\n\n');
    expect((await vnmd.cli(['net-dumpxml', 'cli'])).stdout).toContain("end='10.60.0.30'");
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/10.60.0.30/10.61.0.30/" "$1"\n');
    const bad = await vnmd.cli(['net-edit', 'cli'], { env: { EDITOR: editor } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/range/);
    expect((await vnmd.cli(['net-dumpxml', 'cli'])).stdout).toContain("end='10.60.0.30'");
    writeFileSync(editor, '#!/bin/sh\ntrue\n');
    expect((await vnmd.cli(['net-edit', 'cli'], { env: { EDITOR: editor } })).stdout).toBe(
      'Network cli XML configuration not changed.\n\n',
    );
  });

  it('net-event prints the next lifecycle event, with --timestamp as virsh stamps it', async () => {
    // The start goes once vnmd has answered the CLI's subscription, seen on the wire.
    const tap = await tapRpc(vnmd.dirs.socket, join(vnmd.dirs.base, 'tap.sock'));
    const waiting = vnmd.cli(['net-event', '--event', 'lifecycle', '--timestamp', '--timeout', '20'], {
      socket: tap.path,
    });
    await Promise.race([tap.answered('events.subscribe'), waiting]);
    await vnmd.cli(['net-start', 'cli']);
    const r = await waiting;
    await tap.close();
    expect(r.stdout).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000: event 'lifecycle' for network cli: Started\nevents received: 1\n\n$/,
    );
    await vnmd.cli(['net-destroy', 'cli']);
  });

  it('starts autostart networks when vnmd starts', async () => {
    await vnmd.cli(['net-autostart', 'cli']);
    await vnmd.stop();
    // A definition written by hand, without uuid, bridge or MAC: vnmd fills them in and saves them.
    const hand = join(vnmd.dirs.configDir, 'hand.xml');
    writeFileSync(hand, "<network><name>hand</name><ip address='10.61.0.1' prefix='24'/></network>\n");
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    const saved = readFileSync(hand, 'utf8');
    expect(saved).toMatch(
      /<uuid>[0-9a-f-]{36}<\/uuid>[\s\S]*<bridge name='virbr0'[\s\S]*<mac address='52:54:00/,
    );
    expect((await vnmd.cli(['net-dumpxml', 'hand', '--inactive'])).stdout).toBe(`${saved}\n`);
    await vnmd.cli(['net-undefine', 'hand']);
    expect((await vnmd.cli(['net-list', '--name'])).stdout).toBe('cli\n\n');
    expect(vnmd.log()).toContain('autostarted network cli');
    await vnmd.cli(['net-destroy', 'cli']);
    await vnmd.cli(['net-undefine', 'cli']);
  });

  it('answers the host methods', async () => {
    const c = await vnmd.client(true);
    const info = await c.call('host.info', {});
    expect(info).toMatchObject({
      vnmdVersion: expect.any(String) as unknown,
      firewallBackend: 'nftables',
      ipv4Forwarding: true,
    });
    const ifaces = await c.call('host.interfaces', {});
    expect(ifaces.map((i) => i.name)).toContain('up0');
    const proposal = await c.call('host.propose', { prefix: 24, exclude: ['192.168.100.0/24'] });
    expect(proposal.subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(proposal.subnet).not.toBe('192.168.100.0/24');
    expect(proposal.bridge).toMatch(/^virbr\d+$/);
    c.close();
  });
});

describe('vnm daemon', () => {
  it('refuses to run without CAP_NET_ADMIN and says why', async () => {
    const cli = await cliBundle();
    const r = await capture('setpriv', [
      '--bounding-set=-net_admin',
      '--inh-caps=-all',
      'node',
      cli,
      'daemon',
      '--runtime-dir',
      join(vnmd.dirs.base, 'nocap'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: vnmd needs CAP_NET_ADMIN to manage networks; run it as root (sudo vnm daemon).\n',
    );
  });
});
