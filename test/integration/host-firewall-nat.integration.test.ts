/**
 * NAT networks for real: a bridge and nft rules made by vnmd's modules inside a sandbox host
 * namespace, guests on the bridge, a TCP server in the wan namespace beyond the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuest, type Guest } from '../helpers/guest';
import { setUpBridge, startHostLayer, type HostLayer } from '../helpers/host-layer';
import { destroyAllNetns } from '../helpers/netns';
import { createSandbox, UPLINK, type Sandbox } from '../helpers/sandbox';
import { canPing, tcpProbe } from '../helpers/traffic';
import type { FirewallPlan } from '../../electron/helper/firewall';

const BRIDGE = 'virbr0';
const SUBNET = '192.168.100.0/24';
const SUBNET6 = 'fd00:100::/64';
const GUEST = '192.168.100.10';
const GUEST6 = 'fd00:100::10';
const OTHER_BRIDGE = 'virbr1';
const OTHER_GUEST = '192.168.110.10';

const plan: FirewallPlan = {
  network: 'default',
  bridge: BRIDGE,
  mode: 'nat',
  ipv4: [{ subnet: SUBNET }],
  ipv6: [{ subnet: SUBNET6 }],
};

let sb: Sandbox;
let layer: HostLayer;
let guest: Guest;
let other: Guest;

beforeAll(async () => {
  sb = await createSandbox('nat');
  layer = await startHostLayer(sb.host);
  await setUpBridge(layer, BRIDGE, ['192.168.100.1/24', 'fd00:100::1/64']);
  await setUpBridge(layer, OTHER_BRIDGE, ['192.168.110.1/24']);
  guest = await createGuest(sb.host, BRIDGE, {
    address: `${GUEST}/24`,
    gateway: '192.168.100.1',
    address6: `${GUEST6}/64`,
    gateway6: 'fd00:100::1',
  });
  other = await createGuest(sb.host, OTHER_BRIDGE, {
    address: `${OTHER_GUEST}/24`,
    gateway: '192.168.110.1',
  });
  // The wan knows the way back, so only the firewall can stop it from connecting in.
  await sb.routeFromWan(SUBNET);
  await sb.routeFromWan(SUBNET6);
  await sb.routeFromWan('192.168.110.0/24');
});

afterAll(async () => {
  layer?.runner.close();
  await destroyAllNetns();
});

describe('a NAT network', () => {
  it('is wide open before its rules are applied (so the checks below can fail)', async () => {
    expect(await tcpProbe(sb.wan, guest.ns, GUEST, 7001)).toMatchObject({
      connected: true,
      from: UPLINK.wanAddress,
    });
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7002)).from).toBe(GUEST);
  });

  it('masquerades guests behind the uplink address, on source ports 1024-65535', async () => {
    await layer.firewall.applyNetworkRules(plan);
    const seen = await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7003);
    expect(seen.from).toBe(UPLINK.hostAddress);
    expect(seen.port).toBeGreaterThanOrEqual(1024);
    expect(await canPing(guest.ns, UPLINK.wanAddress)).toBe(true);
  });

  it('keeps the wan from opening connections to guests', async () => {
    expect((await tcpProbe(sb.wan, guest.ns, GUEST, 7004)).connected).toBe(false);
    expect(await canPing(sb.wan, GUEST)).toBe(false);
  });

  it('lets guests reach the host', async () => {
    expect(await canPing(guest.ns, '192.168.100.1')).toBe(true);
  });

  it('routes IPv6 without NAT, as libvirt does: the wan sees the guest and can connect in', async () => {
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress6, 7005)).from).toBe(GUEST6);
    expect((await tcpProbe(sb.wan, guest.ns, GUEST6, 7006)).connected).toBe(true);
  });

  it('keeps guests of another vnm network (isolated) apart from this one', async () => {
    // Only the NAT network's rules so far: its guests may still reach the other subnet.
    expect(await canPing(guest.ns, OTHER_GUEST)).toBe(true);
    await layer.firewall.applyNetworkRules({
      network: 'lab',
      bridge: OTHER_BRIDGE,
      mode: 'isolated',
      ipv4: [{ subnet: '192.168.110.0/24' }],
      ipv6: [],
    });
    expect(await canPing(guest.ns, OTHER_GUEST)).toBe(false);
    expect(await canPing(other.ns, GUEST)).toBe(false);
    await layer.firewall.removeNetworkRules('lab');
  });

  it('honours <nat><address> and <port>: SNAT to that address and port range', async () => {
    await sb.host.exec('ip', ['addr', 'add', '198.51.100.50/32', 'dev', UPLINK.hostIf]);
    await layer.firewall.applyNetworkRules({
      ...plan,
      nat: { addressStart: '198.51.100.50', addressEnd: '198.51.100.50', portStart: 20000, portEnd: 20099 },
    });
    const seen = await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7007);
    expect(seen.from).toBe('198.51.100.50');
    expect(seen.port).toBeGreaterThanOrEqual(20000);
    expect(seen.port).toBeLessThanOrEqual(20099);
  });

  it("forwards only through <forward dev='...'> when one is given", async () => {
    await layer.firewall.applyNetworkRules({ ...plan, forwardDev: UPLINK.hostIf });
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7008)).from).toBe(UPLINK.hostAddress);
    await layer.firewall.applyNetworkRules({ ...plan, forwardDev: 'eth9' });
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7009)).connected).toBe(false);
  });

  it('is gone, whole, after removeNetworkRules: the wan can connect in again', async () => {
    await layer.firewall.removeNetworkRules('default');
    expect(await layer.firewall.listFirewallNetworks()).toEqual([]);
    expect((await tcpProbe(sb.wan, guest.ns, GUEST, 7010)).connected).toBe(true);
  });
});
