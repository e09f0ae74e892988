/**
 * The sandbox as a library (what the e2e fixture uses): guests behave like VMs. They attach
 * when a network starts, detach when it stops, come back with the same leases; they reach
 * the wan through NAT and routed networks and not from an isolated one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createSandbox } from '../../electron/sandbox/sandbox';
import type { Sandbox } from '../../electron/sandbox/sandbox';
import { listNetnsSync } from '../../electron/sandbox/netns';
import { tracesOf } from '../../electron/sandbox/traces';
import { UPLINK } from '../../electron/sandbox/uplink';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let sb: Sandbox;
let client: VnmClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-sandbox-test-'));
  const cli = join(dir, 'vnm.mjs');
  const external = ['electron', /^node:/];
  const input = join(ROOT, 'electron/cli/main.ts');
  await build({
    input,
    platform: 'node',
    external,
    logLevel: 'warn',
    output: { file: cli, codeSplitting: false },
  });
  sb = await createSandbox({ cli, reaper: false });
  client = await sb.client();
}, 120_000);

afterAll(async () => {
  client?.close();
  await sb?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(fn: () => Promise<T> | T, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const leases = async (network: string) => (await client.call('network.leases', { network })).length;
/** How many of the network's guests have configured their lease (not only dnsmasq's record of it). */
const guestsLeased = (network: string) =>
  sb.agent!.guestsOf(network).filter((g) => g.leasedIp() !== null).length;
const guestNamespaces = () => listNetnsSync().filter((n) => n.startsWith(`${sb.stem}-g`));

/** Whether the guest can fetch from the wan's web server (one try, 4 s). */
async function canFetch(network: string, i: number): Promise<boolean> {
  const g = sb.agent!.guestsOf(network)[i]!;
  const url = `http://${UPLINK.webAddress}/small.bin`;
  return g.ns
    .exec('timeout', ['4', 'busybox', 'wget', '-q', '-O', '/dev/null', url])
    .then(() => true)
    .catch(() => false);
}

describe('sandbox guests', () => {
  it('default runs with its three guests, each holding its reserved lease under its name', async () => {
    expect(await until(async () => (await leases('default')) >= 3, 15_000)).toBe(true);
    // dnsmasq records a lease before the guest's DHCP client has configured it: wait for both.
    expect(await until(() => guestsLeased('default') >= 3, 15_000)).toBe(true);
    const rows = await client.call('network.leases', { network: 'default' });
    expect(rows.map((r) => [r.hostname, r.ip]).sort()).toEqual([
      ['alpine', '192.168.122.12'],
      ['debian', '192.168.122.11'],
      ['fedora', '192.168.122.10'],
    ]);
    expect(
      sb
        .agent!.guestsOf('default')
        .map((g) => g.leasedIp())
        .sort(),
    ).toEqual(rows.map((r) => r.ip).sort());
  });

  it('a NAT guest reaches the wan, and guests on one network reach each other', async () => {
    expect(await canFetch('default', 0)).toBe(true);
    const [a, b] = sb.agent!.guestsOf('default');
    await a!.ns.exec('ping', ['-c1', '-W2', b!.leasedIp()!]);
  });

  it('guests detach when the network stops and come back with the same leases when it starts', async () => {
    const before = (await client.call('network.leases', { network: 'default' })).map((l) => l.ip).sort();
    await client.call('network.destroy', { network: 'default' });
    expect(await until(() => guestNamespaces().length === 0, 5000)).toBe(true);
    await client.call('network.start', { network: 'default' });
    // Replug, STP's 4 s and three DHCP exchanges: 15 s was too short on a loaded 2-core CI.
    expect(await until(() => guestsLeased('default') === 3, 30_000)).toBe(true);
    const info = await client.call('network.info', { network: 'default' });
    expect(info.connections).toBe(3);
    // As libvirt names taps: the lowest free vnetN, so the same ports come back.
    expect(
      sb
        .agent!.guestsOf('default')
        .map((g) => g.spec.port)
        .sort(),
    ).toEqual(['vnet0', 'vnet1', 'vnet2']);
    const after = sb
      .agent!.guestsOf('default')
      .map((g) => g.leasedIp())
      .sort();
    expect(after).toEqual(before);
  });

  it('lab guests get leases but cannot reach the wan (isolated)', async () => {
    await client.call('network.start', { network: 'lab' });
    expect(await until(async () => (await leases('lab')) >= 2 && guestsLeased('lab') === 2, 15_000)).toBe(
      true,
    );
    expect(await canFetch('lab', 0)).toBe(false);
    const [a, b] = sb.agent!.guestsOf('lab');
    await a!.ns.exec('ping', ['-c1', '-W2', b!.leasedIp()!]);
    await client.call('network.destroy', { network: 'lab' });
  });

  it('a routed network of the user gets guests that reach the wan, the wan routing back', async () => {
    const xml = `<network><name>routed1</name><forward mode='route'/>
      <ip address='10.88.0.1' prefix='24'><dhcp><range start='10.88.0.100' end='10.88.0.150'/></dhcp></ip></network>`;
    await client.call('network.create', { xml });
    expect(
      await until(async () => (await leases('routed1')) >= 2 && guestsLeased('routed1') === 2, 20_000),
    ).toBe(true);
    expect(await canFetch('routed1', 1)).toBe(true);
    const routes = await sb.wan.ip(['route', 'show', '10.88.0.0/24']);
    expect(routes.stdout).toContain(`via ${UPLINK.hostAddress}`);
    await client.call('network.destroy', { network: 'routed1' });
    expect(
      await until(async () => (await sb.wan.ip(['route', 'show', '10.88.0.0/24'])).stdout === '', 5000),
    ).toBe(true);
  });

  it('destroy removes every namespace, process and folder of the sandbox', async () => {
    const stem = sb.stem;
    client.close();
    await sb.destroy();
    expect(tracesOf(stem)).toEqual({ namespaces: [], folders: [], processes: [] });
  });
});
