/**
 * Links, addresses, sysctls, routes and host facts through vnmd's modules, in a namespace
 * of the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuest } from '../helpers/guest';
import { startHostLayer, type HostLayer } from '../helpers/host-layer';
import { createNetns, destroyAllNetns, type TestNetns } from '../helpers/netns';
import { snapshot, type NetnsSnapshot } from '../helpers/snapshot';
import { VnmError } from '../../shared/rpc/errors';

let ns: TestNetns;
let layer: HostLayer;
let before: NetnsSnapshot;

beforeAll(async () => {
  ns = await createNetns('bridge');
  layer = await startHostLayer(ns);
  before = await snapshot(ns);
});

afterAll(async () => {
  layer?.runner.close();
  await destroyAllNetns();
});

async function rejection(p: Promise<unknown>): Promise<VnmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VnmError);
  return err as VnmError;
}

describe('bridges', () => {
  it('creates a bridge with the MAC, MTU and STP asked for', async () => {
    await layer.links.createBridge({
      name: 'virbr0',
      mac: '52:54:00:aa:bb:cc',
      mtu: 1400,
      stp: true,
      delayCs: 0,
    });
    await layer.links.createBridge({ name: 'virbr1', stp: false, delayCs: 0 });
    const links = await layer.links.listLinks();
    expect(links.find((l) => l.name === 'virbr0')).toMatchObject({
      kind: 'bridge',
      mac: '52:54:00:aa:bb:cc',
      mtu: 1400,
      bridge: { stp: true },
    });
    expect(links.find((l) => l.name === 'virbr1')?.bridge).toEqual({ stp: false, forwardDelayCs: 0 });
    expect(await layer.links.linkExists('virbr1')).toBe(true);
    expect(await layer.links.linkExists('virbr9')).toBe(false);
  });

  it('refuses a bridge name in use, saying why', async () => {
    const err = await rejection(layer.links.createBridge({ name: 'virbr0', stp: false }));
    expect(err.kind).toBe('operation-failed');
    expect(err.message).toMatch(/^ip link add name virbr0 .* failed: .*exists/);
  });

  it('refuses names the kernel would refuse, before running ip', async () => {
    for (const name of ['', 'a'.repeat(16), 'a/b', 'a b', '..', 'x"y']) {
      expect((await rejection(layer.links.createBridge({ name, stp: false }))).kind).toBe('invalid-argument');
    }
  });

  it('adds IPv4 addresses with their broadcast and IPv6 ones usable at once (nodad)', async () => {
    await layer.links.addAddress('virbr0', '192.168.100.1/24');
    await layer.links.addAddress('virbr0', 'fd00:100::1/64');
    await layer.links.setLinkUp('virbr0');
    const r = await ns.exec('ip', ['-json', 'addr', 'show', 'dev', 'virbr0']);
    const info = (JSON.parse(r.stdout) as { addr_info: Record<string, unknown>[] }[])[0]!.addr_info;
    expect(info.find((a) => a.local === '192.168.100.1')).toMatchObject({
      prefixlen: 24,
      broadcast: '192.168.100.255',
    });
    const v6 = info.find((a) => a.local === 'fd00:100::1');
    expect(v6).toMatchObject({ prefixlen: 64 });
    expect(v6?.tentative).toBeUndefined();
  });

  it('lists the ports of a bridge and the host interfaces with their master', async () => {
    const guest = await createGuest(ns, 'virbr0');
    expect(await layer.links.bridgePorts('virbr0')).toEqual([guest.port]);
    const ifaces = await layer.host.hostInterfaces();
    expect(ifaces.find((i) => i.name === guest.port)).toMatchObject({ type: 'veth', master: 'virbr0' });
    expect(ifaces.find((i) => i.name === 'virbr0')).toMatchObject({
      type: 'bridge',
      mac: '52:54:00:aa:bb:cc',
      mtu: 1400,
      master: null,
      addresses: expect.arrayContaining(['192.168.100.1/24', 'fd00:100::1/64']) as unknown,
    });
    await layer.links.deleteLink(guest.port);
    await guest.ns.destroy();
  });
});

describe('routes and proposals', () => {
  it('finds a subnet already routed on the host and names the interface', async () => {
    expect(await layer.routes.findRouteConflict('192.168.100.0/24')).toEqual({
      dev: 'virbr0',
      route: '192.168.100.0/24',
    });
    expect(await layer.routes.findRouteConflict('192.168.100.7/24')).toMatchObject({ dev: 'virbr0' });
    expect(await layer.routes.findRouteConflict('fd00:100::/64')).toMatchObject({ dev: 'virbr0' });
    expect(await layer.routes.findRouteConflict('192.168.100.0/24', { ignoreDev: 'virbr0' })).toBeNull();
    expect(await layer.routes.findRouteConflict('192.168.101.0/24')).toBeNull();
  });

  it('proposes a subnet no route, address or other network uses, and a free bridge name', async () => {
    expect(await layer.host.proposeSubnet({ prefix: 24, exclude: [] })).toBe('192.168.101.0/24');
    expect(await layer.host.proposeSubnet({ prefix: 24, exclude: ['192.168.101.0/24'] })).toBe(
      '192.168.102.0/24',
    );
    expect(await layer.host.proposeBridgeNameOnHost(new Set(['virbr2']))).toBe('virbr3');
  });
});

describe('sysctls', () => {
  it('turns forwarding on and its undo puts it back', async () => {
    expect((await layer.host.hostInfo()).ipv4Forwarding).toBe(false);
    const undo = await layer.sysctl.enableIpv4Forwarding();
    expect((await layer.host.hostInfo()).ipv4Forwarding).toBe(true);
    expect((await ns.exec('cat', ['/proc/sys/net/ipv4/ip_forward'])).stdout.trim()).toBe('1');
    await layer.runner.callHandle(undo);
    expect((await layer.host.hostInfo()).ipv4Forwarding).toBe(false);
  });

  it("sets a bridge's IPv6 as libvirt does, and its undo restores all of it", async () => {
    const keys = ['disable_ipv6', 'accept_ra', 'autoconf'].map((k) => `net/ipv6/conf/virbr1/${k}`);
    const read = () => Promise.all(keys.map((k) => layer.sysctl.readSysctl(k)));
    const original = await read();
    const undo = await layer.sysctl.setBridgeIpv6('virbr1', false);
    expect(await read()).toEqual(['1', '0', '0']);
    await layer.runner.callHandle(undo);
    expect(await read()).toEqual(original);
  });
});

describe('host facts', () => {
  it('reports versions of dnsmasq and nft as they print them', async () => {
    const info = await layer.host.hostInfo();
    const nft = (await ns.exec('nft', ['--version'])).stdout;
    expect(nft).toContain(`v${info.nftVersion}`);
    const dnsmasq = (await ns.exec('dnsmasq', ['--version'])).stdout;
    expect(info.dnsmasqVersion).toMatch(/^\d+\.\d+/);
    expect(dnsmasq).toContain(`version ${info.dnsmasqVersion}`);
    expect(info.firewallBackend).toBe('nftables');
  });
});

describe('cleanup', () => {
  it('leaves the namespace as it was once the bridges are deleted', async () => {
    await layer.links.deleteLink('virbr0');
    await layer.links.deleteLink('virbr1');
    expect(await snapshot(ns)).toEqual(before);
  });
});
