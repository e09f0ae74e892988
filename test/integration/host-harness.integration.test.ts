/**
 * The namespace harness itself, since every integration test trusts it: names, cleanup of
 * processes and namespaces, snapshots that notice changes, guests that take DHCP leases.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { createNetns, destroyAllNetns, liveNetns, sweepOrphans } from '../helpers/netns';
import { capture } from '../helpers/proc';
import { snapshot } from '../helpers/snapshot';

const namespaces = async () => (await capture('ip', ['netns', 'list'])).stdout;
const pidsIn = async (name: string) =>
  (await capture('ip', ['netns', 'pids', name])).stdout.split(/\s+/).filter(Boolean);

afterAll(async () => {
  await destroyAllNetns();
});

describe('namespaces', () => {
  it('are named vnmt-<prefix>-<random> and have loopback up', async () => {
    const ns = await createNetns('Odd Prefix!');
    expect(ns.name).toMatch(/^vnmt-OddPrefix-[0-9a-f]{6}$/);
    expect(await namespaces()).toContain(ns.name);
    expect((await ns.exec('ping', ['-c1', '-W1', '127.0.0.1'])).code).toBe(0);
    await ns.destroy();
  });

  it('take their processes with them when destroyed, and are gone', async () => {
    const ns = await createNetns('kill');
    const child = ns.spawn('sleep', ['60']);
    const exited = new Promise((res) => child.on('exit', res));
    await ns.exec('true', []);
    expect(await pidsIn(ns.name)).toContain(String(child.pid));
    await ns.destroy();
    await exited;
    expect(await namespaces()).not.toContain(ns.name);
    expect(liveNetns()).not.toContain(ns.name);
    await ns.destroy(); // twice is fine
  });

  it('left behind by a test process that died are swept, and only those', async () => {
    const orphan = `vnmt-orphan-${process.pid}`;
    execFileSync('ip', ['netns', 'add', orphan]);
    const dead = Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
    writeFileSync(`/tmp/vnmt-netns/${orphan}`, `${dead}\n`);
    const mine = await createNetns('alive');
    const removed = sweepOrphans();
    expect(removed).toContain(orphan);
    expect(removed).not.toContain(mine.name);
    const list = await namespaces();
    expect(list).not.toContain(orphan);
    expect(list).toContain(mine.name);
    await mine.destroy();
  });
});

describe('snapshots', () => {
  it('are equal for an unchanged namespace and notice links, addresses, rules, sysctls and processes', async () => {
    const ns = await createNetns('snap');
    const before = await snapshot(ns);
    expect(await snapshot(ns)).toEqual(before);
    await ns.exec('ip', ['link', 'add', 'd0', 'type', 'bridge']);
    expect((await snapshot(ns)).links).not.toEqual(before.links);
    await ns.exec('ip', ['addr', 'add', '10.9.9.9/24', 'dev', 'd0']);
    expect((await snapshot(ns)).addresses).toContain('d0 10.9.9.9/24');
    await ns.exec('nft', ['add', 'table', 'inet', 'x']);
    expect((await snapshot(ns)).ruleset).not.toEqual(before.ruleset);
    await ns.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
    expect((await snapshot(ns)).sysctls['net/ipv4/ip_forward']).toBe('1');
    const child = ns.spawn('sleep', ['60']);
    await ns.exec('true', []);
    expect((await snapshot(ns)).processes).toContain(`${child.pid} sleep 60`);
    await ns.destroy();
  });
});

describe('guests', () => {
  it('take a DHCP lease with busybox udhcpc, which configures the address and route', async () => {
    const host = await createNetns('dhcp');
    await host.exec('ip', ['link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0']);
    await host.exec('ip', ['addr', 'add', '10.99.0.1/24', 'dev', 'br0']);
    await host.exec('ip', ['link', 'set', 'br0', 'up']);
    const dir = mkdtempSync(join(tmpdir(), 'vnmt-dnsmasq-'));
    host.spawn('dnsmasq', [
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--port=0',
      '--interface=br0',
      '--bind-interfaces',
      '--dhcp-range=10.99.0.100,10.99.0.150,255.255.255.0,1h',
      '--dhcp-option=option:router,10.99.0.1',
      `--dhcp-leasefile=${join(dir, 'leases')}`,
      '--user=root',
    ]);
    const guest = await createGuest(host, 'br0');
    const lease = await runUdhcpc(guest.ns, { hostname: 'guest1' });
    expect(lease).toMatchObject({ mask: 24, router: '10.99.0.1', lease: 3600 });
    expect(lease.ip).toMatch(/^10\.99\.0\.1([0-4]\d|50)$/);
    expect((await snapshot(guest.ns)).addresses).toContain(`eth0 ${lease.ip}/24`);
    expect((await guest.ns.exec('ping', ['-c1', '-W1', '10.99.0.1'])).code).toBe(0);
    await host.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('report no lease when there is no DHCP server', async () => {
    const host = await createNetns('nodhcp');
    await host.exec('ip', ['link', 'add', 'br0', 'type', 'bridge']);
    await host.exec('ip', ['link', 'set', 'br0', 'up']);
    const guest = await createGuest(host, 'br0');
    await expect(runUdhcpc(guest.ns, { tries: 1 })).rejects.toThrow('udhcpc got no lease');
  });
});
