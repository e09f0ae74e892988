/**
 * vnmd end to end in a sandbox host: define, start, a guest's DHCP lease from the real
 * dnsmasq, destroy and undefine leaving no trace (acceptance 1 and 6 of issue 3), and the
 * read-only socket (acceptance 11).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RPC_METHODS } from '../../shared/rpc/contract';
import type { RpcMethodName, StatsSample } from '../../shared/rpc/contract';
import { VnmError } from '../../shared/rpc/errors';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { UPLINK, type Sandbox } from '../helpers/sandbox';
import { snapshot } from '../helpers/snapshot';
import { canPing, tcpProbe } from '../helpers/traffic';
import type { Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const NAT_XML = `<network>
  <name>lab</name>
  <forward mode='nat'/>
  <bridge stp='off'/>
  <domain name='lab.test'/>
  <dns><host ip='192.168.150.77'><hostname>printer</hostname></host></dns>
  <ip address='192.168.150.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.150.100' end='192.168.150.199'/></dhcp>
  </ip>
</network>`;

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;

function files(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name).slice(dir.length)],
    );
  return walk(dir).sort();
}

/** The next stats sample of network lab, pushed as an event to this client. */
async function nextStats(c: VnmClient): Promise<StatsSample> {
  let off = () => {};
  const got = new Promise<StatsSample>((resolve) => {
    off = c.onEvent((e) => {
      const s =
        e.type === 'stats' ? e.samples.find((x) => x.network === 'lab' && x.ports.length > 0) : undefined;
      if (s) resolve(s);
    });
  });
  await c.call('events.subscribe', { types: ['stats'], networks: ['lab'] });
  try {
    return await got;
  } finally {
    off();
    await c.call('events.unsubscribe', {});
  }
}

setUpVnmdSandbox('life', (s) => ({ sb, vnmd, client } = s));

describe('a NAT network through vnmd', () => {
  it('leaves no trace after define, start, destroy, undefine', async () => {
    const before = await snapshot(sb.host);
    const filesBefore = files(vnmd.dirs.base);
    const defined = await client.call('network.define', { xml: NAT_XML });
    expect(defined).toMatchObject({ name: 'lab', active: false, persistent: true, bridge: 'virbr0' });
    const started = await client.call('network.start', { network: 'lab' });
    expect(started.active).toBe(true);
    const running = await snapshot(sb.host);
    expect(running.links.some((l) => l.startsWith('virbr0 bridge'))).toBe(true);
    expect(running.processes.some((p) => p.includes('dnsmasq'))).toBe(true);
    expect(JSON.stringify(running.ruleset)).toContain('vnm');
    await client.call('network.destroy', { network: 'lab' });
    await client.call('network.undefine', { network: 'lab' });
    const after = await snapshot(sb.host);
    expect(after).toEqual({ ...before, sysctls: after.sysctls });
    expect(files(vnmd.dirs.base)).toEqual(filesBefore);
  });

  it('gives a guest a lease, resolves a <dns><host> name, and NATs it to the wan', async () => {
    await client.call('network.define', { xml: NAT_XML });
    await client.call('network.start', { network: 'lab' });
    const guest = await createGuest(sb.host, 'virbr0');
    const lease = await runUdhcpc(guest.ns, { hostname: 'guest1' });
    console.log(`DHCP lease with stp='off' in ${lease.elapsedMs} ms`);
    expect(lease.elapsedMs).toBeLessThan(5000);
    expect(lease.ip).toMatch(/^192\.168\.150\.1\d\d$/);
    expect(lease.router).toBe('192.168.150.1');
    const dig = await guest.ns.tryExec('busybox', ['nslookup', 'printer.lab.test', '192.168.150.1']);
    expect(dig.stdout).toContain('192.168.150.77');
    expect(await canPing(guest.ns, '192.168.150.1')).toBe(true);
    const seen = await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7101);
    expect(seen.from).toBe(UPLINK.hostAddress);
    await sb.routeFromWan('192.168.150.0/24');
    expect((await tcpProbe(sb.wan, guest.ns, lease.ip, 7102)).connected).toBe(false);
    const leases = await client.call('network.leases', { network: 'lab' });
    expect(leases).toEqual([
      expect.objectContaining({
        mac: guest.mac,
        ip: lease.ip,
        hostname: 'guest1',
        ipPrefix: `${lease.ip}/24`,
      }),
    ]);
    const cli = await vnmd.cli(['net-dhcp-leases', 'lab']);
    expect(cli.stdout).toMatch(
      /Expiry Time\s+MAC address\s+Protocol\s+IP address\s+Hostname\s+Client ID or DUID/,
    );
    expect(cli.stdout).toContain(`${lease.ip}/24`);
    const sample = await nextStats(client);
    expect(sample).toMatchObject({ network: 'lab', bridge: { name: 'virbr0' } });
    expect(sample.ports.map((p) => p.mac)).toEqual([guest.mac]);
    expect(sample.ports[0]?.ip).toBe(lease.ip);
    expect(
      (await client.call('network.statsHistory', { network: 'lab', seconds: 60 })).length,
    ).toBeGreaterThan(0);
    await guest.ns.destroy();
    await client.call('network.destroy', { network: 'lab' });
    await client.call('network.undefine', { network: 'lab' });
  });
});

const WRITE_METHODS = (Object.keys(RPC_METHODS) as RpcMethodName[]).filter(
  (m) => RPC_METHODS[m].permission === 'write',
);

describe('the read-only socket', () => {
  it('refuses every changing method and serves lists and dumps', async () => {
    await client.call('network.define', { xml: NAT_XML });
    const ro = await vnmd.client(true);
    try {
      for (const method of WRITE_METHODS) {
        const err = await ro.call(method, {}).catch((e: unknown) => e);
        expect(err, method).toBeInstanceOf(VnmError);
        expect((err as VnmError).kind, method).toBe('permission-denied');
      }
      expect((await ro.call('network.list', { filter: 'all' })).map((n) => n.name)).toEqual(['lab']);
      expect((await ro.call('network.getXml', { network: 'lab' })).xml).toContain('<name>lab</name>');
      const cli = await vnmd.cli(['net-start', 'lab'], { readOnly: true });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('read-only');
      const list = await vnmd.cli(['net-list', '--all'], { readOnly: true });
      expect(list.stdout).toContain(' lab ');
    } finally {
      ro.close();
      await client.call('network.undefine', { network: 'lab' });
    }
  });
});
