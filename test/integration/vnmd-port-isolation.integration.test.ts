/**
 * `<port isolated='yes'/>` (issue 16): guests on such a network reach the host (ping the
 * bridge address, take a DHCP lease) but not each other, whether their port joined after the
 * start or while vnmd was down (isolated at adoption); a network without the flag still lets
 * its guests talk; a host-bridge network with the flag is refused with its reason.
 * `<bridge macTableManager='libvirt'/>`, which vnm cannot apply (it needs the guests' MACs),
 * is defined as libvirt defines it and refused at start with the reason, changing nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, runUdhcpc, type Guest } from '../helpers/guest';
import { destroyAllNetns } from '../helpers/netns';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { hostSnapshot, removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const netXml = (name: string, third: number, isolated: boolean) => `<network>
  <name>${name}</name>
  <bridge name='vnmpi${third}' stp='off'/>${isolated ? "\n  <port isolated='yes'/>" : ''}
  <ip address='10.64.${third}.1' prefix='24'><dhcp><range start='10.64.${third}.100' end='10.64.${third}.150'/></dhcp></ip>
</network>`;

let sb: Sandbox | undefined;
let vnmd: Vnmd | undefined;
let client: VnmClient | undefined;

beforeAll(async () => {
  sb = await createSandbox('piso');
  vnmd = await startVnmd(sb.host);
  client = await vnmd.client();
  await client.call('network.create', { xml: netXml('iso', 0, true) });
  await client.call('network.create', { xml: netXml('open', 1, false) });
}, 60_000);

afterAll(async () => {
  client?.close();
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
});

/** The kernel's isolated flag of the guest's bridge port, read in the host namespace. */
async function isolatedFlag(g: Guest): Promise<string> {
  const r = await sb!.host.exec('cat', [`/sys/class/net/${g.port}/brport/isolated`]);
  return r.stdout.trim();
}

/** The `ip -o monitor link` processes in the host namespace. */
function monitors(): string[] {
  const pids = execFileSync('ip', ['netns', 'pids', sb!.host.name], { encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean);
  const cmdlines = pids.map((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      return '';
    }
  });
  return cmdlines.filter((c) => c === 'ip -o monitor link');
}

/** One ping with a short wait; true when the echo came back. */
async function pings(g: Guest, to: string): Promise<boolean> {
  const r = await g.ns.tryExec('ping', ['-c', '2', '-i', '0.2', '-W', '1', to]);
  return r.code === 0;
}

/** A guest on `bridge` with a DHCP lease from the network's dnsmasq. */
async function leasedGuest(bridge: string): Promise<{ guest: Guest; ip: string }> {
  const guest = await createGuest(sb!.host, bridge);
  const lease = await runUdhcpc(guest.ns, { tries: 10 });
  return { guest, ip: lease.ip };
}

describe('port isolation', () => {
  let a: { guest: Guest; ip: string };
  let b: { guest: Guest; ip: string };

  it('isolates each guest port that joins a running network; the guests still get leases', async () => {
    a = await leasedGuest('vnmpi0');
    b = await leasedGuest('vnmpi0');
    expect(a.ip).toMatch(/^10\.64\.0\.1[0-5]\d$/);
    expect(b.ip).toMatch(/^10\.64\.0\.1[0-5]\d$/);
    await vi.waitFor(async () => expect(await isolatedFlag(a.guest)).toBe('1'), { timeout: 5000 });
    await vi.waitFor(async () => expect(await isolatedFlag(b.guest)).toBe('1'), { timeout: 5000 });
    expect(monitors()).toHaveLength(1);
  }, 60_000);

  it('lets each guest reach the host but not the other guest', async () => {
    expect(await pings(a.guest, '10.64.0.1')).toBe(true);
    expect(await pings(b.guest, '10.64.0.1')).toBe(true);
    expect(await pings(a.guest, b.ip)).toBe(false);
    expect(await pings(b.guest, a.ip)).toBe(false);
  }, 30_000);

  it('isolates a port that joined while vnmd was down, when vnmd adopts the network', async () => {
    await vnmd!.kill();
    client?.close();
    // vnmd's ip monitor goes with it (setpriv --pdeathsig), leaving nothing behind.
    await vi.waitFor(() => expect(monitors()).toEqual([]), { timeout: 5000 });
    // Plugged in with no vnmd to see it: static address, as its lease would be renewed later.
    const c = await createGuest(sb!.host, 'vnmpi0', { address: '10.64.0.20/24' });
    expect(await isolatedFlag(c)).toBe('0');
    vnmd = await startVnmd(sb!.host, { dirs: vnmd!.dirs });
    client = await vnmd.client();
    await vi.waitFor(async () => expect(await isolatedFlag(c)).toBe('1'), { timeout: 5000 });
    expect(await pings(c, '10.64.0.1')).toBe(true);
    expect(await pings(c, a.ip)).toBe(false);
  }, 60_000);

  it('leaves the guests of a network without the flag able to talk', async () => {
    const x = await leasedGuest('vnmpi1');
    const y = await leasedGuest('vnmpi1');
    expect(await pings(x.guest, y.ip)).toBe(true);
    expect(await pings(y.guest, x.ip)).toBe(true);
    expect(await isolatedFlag(x.guest)).toBe('0');
  }, 60_000);

  it('refuses a host-bridge network with the flag, saying why and what to do, and changes nothing', async () => {
    await sb!.host.exec('ip', ['link', 'add', 'vnmpihb', 'type', 'bridge']);
    const before = await hostSnapshot(sb!.host);
    const xml = `<network><name>hb</name><forward mode='bridge'/><bridge name='vnmpihb'/><port isolated='yes'/></network>`;
    await expect(client!.call('network.create', { xml })).rejects.toThrow(
      /cannot tell guest ports from the uplink; remove <port isolated='yes'\/>/,
    );
    expect(await hostSnapshot(sb!.host)).toEqual(before);
    const names = (await client!.call('network.list', { filter: 'all' })).map((n) => n.name);
    expect(names).not.toContain('hb');
  }, 30_000);
});

describe("macTableManager='libvirt'", () => {
  it('is defined, then refused at start with why and what to do; the host stays as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnm-mtm-'));
    try {
      const file = join(dir, 'mtm.xml');
      writeFileSync(
        file,
        `<network><name>mtm</name><forward mode='nat'/><bridge name='vnmpimt' macTableManager='libvirt'/><ip address='10.64.9.1' prefix='24'/></network>`,
      );
      expect((await vnmd!.cli(['net-define', file])).code).toBe(0);
      const before = await hostSnapshot(sb!.host);
      const r = await vnmd!.cli(['net-start', 'mtm']);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe('error: Failed to start network mtm');
      expect(r.stderr).toMatch(/remove macTableManager='libvirt' \(or set it to 'kernel'\)/);
      expect(await hostSnapshot(sb!.host)).toEqual(before);
      const xml = (await vnmd!.cli(['net-dumpxml', 'mtm'])).stdout;
      expect(xml).toContain("macTableManager='libvirt'");
      expect((await vnmd!.cli(['net-list', '--all'])).stdout).toMatch(/mtm\s+inactive/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
