/**
 * Routed, isolated and open networks for real, each in a sandbox host of its own: what a
 * guest can reach, and what the wan beyond the host can reach of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuest, type Guest } from '../helpers/guest';
import { setUpBridge, startHostLayer, type HostLayer } from '../helpers/host-layer';
import { destroyAllNetns } from '../helpers/netns';
import { createSandbox, UPLINK, type Sandbox } from '../helpers/sandbox';
import { snapshot } from '../helpers/snapshot';
import { canPing, tcpProbe } from '../helpers/traffic';
import type { FirewallMode, FirewallPlan } from '../../electron/helper/firewall';

interface Setup {
  sb: Sandbox;
  layer: HostLayer;
  guest1: Guest;
  guest2: Guest;
  plan: FirewallPlan;
}

/** A sandbox with one network (bridge 10.<n>.0.1/24) and two guests on it, reachable from the wan. */
async function setUp(mode: FirewallMode, n: number): Promise<Setup> {
  const sb = await createSandbox(mode.slice(0, 5));
  const layer = await startHostLayer(sb.host);
  const subnet = `10.${n}.0.0/24`;
  await setUpBridge(layer, 'virbr0', [`10.${n}.0.1/24`]);
  const gw = `10.${n}.0.1`;
  const guest1 = await createGuest(sb.host, 'virbr0', { address: `10.${n}.0.10/24`, gateway: gw });
  const guest2 = await createGuest(sb.host, 'virbr0', { address: `10.${n}.0.11/24`, gateway: gw });
  await sb.routeFromWan(subnet);
  const plan: FirewallPlan = { network: `net-${mode}`, bridge: 'virbr0', mode, ipv4: [{ subnet }], ipv6: [] };
  return { sb, layer, guest1, guest2, plan };
}

let route: Setup;
let isolated: Setup;
let open: Setup;

// The three sandboxes are independent: build them at once.
beforeAll(async () => {
  [route, isolated, open] = await Promise.all([setUp('route', 20), setUp('isolated', 30), setUp('open', 40)]);
});

afterAll(async () => {
  for (const s of [route, isolated, open]) s?.layer.runner.close();
  await destroyAllNetns();
});

describe('a routed network', () => {
  let s: Setup;
  beforeAll(async () => {
    s = route;
    await s.layer.firewall.applyNetworkRules(s.plan);
  });

  it("shows the wan the guest's own address", async () => {
    expect((await tcpProbe(s.guest1.ns, s.sb.wan, UPLINK.wanAddress, 7101)).from).toBe('10.20.0.10');
  });

  it('lets the wan, given a route, connect in', async () => {
    expect(await tcpProbe(s.sb.wan, s.guest1.ns, '10.20.0.10', 7102)).toMatchObject({
      connected: true,
      from: UPLINK.wanAddress,
    });
  });

  it("forwards nothing past any other device than <forward dev='...'>", async () => {
    await s.layer.firewall.applyNetworkRules({ ...s.plan, forwardDev: 'eth9' });
    expect((await tcpProbe(s.guest1.ns, s.sb.wan, UPLINK.wanAddress, 7103)).connected).toBe(false);
    expect((await tcpProbe(s.sb.wan, s.guest1.ns, '10.20.0.10', 7104)).connected).toBe(false);
    await s.layer.firewall.applyNetworkRules({ ...s.plan, forwardDev: UPLINK.hostIf });
    expect((await tcpProbe(s.sb.wan, s.guest1.ns, '10.20.0.10', 7105)).connected).toBe(true);
  });

  it('lets the chain of the network a packet comes from refuse it, even where its destination would not', async () => {
    await s.layer.firewall.applyNetworkRules(s.plan);
    await setUpBridge(s.layer, 'virbr1', ['10.21.0.1/24']);
    const other = await createGuest(s.sb.host, 'virbr1', { address: '10.21.0.10/24', gateway: '10.21.0.1' });
    const lab: FirewallPlan = { ...s.plan, network: 'lab', bridge: 'virbr1', mode: 'isolated' };
    await s.layer.firewall.applyNetworkRules({ ...lab, ipv4: [{ subnet: '10.21.0.0/24' }] });
    // The routed network lets anything in to its subnet: only lab's own rules can refuse this,
    // and they must refuse the first packet (a reply would meet lab's rules anyway).
    const seen =
      'table inet seen {\n chain in {\n type filter hook input priority 0;\n tcp dport 7106 counter\n }\n}\n';
    await s.guest1.ns.exec('nft', ['-f', '-'], { input: seen });
    expect((await tcpProbe(other.ns, s.guest1.ns, '10.20.0.10', 7106)).connected).toBe(false);
    expect((await s.guest1.ns.exec('nft', ['list', 'table', 'inet', 'seen'])).stdout).toContain('packets 0 ');
    expect((await tcpProbe(s.guest1.ns, other.ns, '10.21.0.10', 7107)).connected).toBe(false);
    await s.layer.firewall.removeNetworkRules('lab');
    expect((await tcpProbe(other.ns, s.guest1.ns, '10.20.0.10', 7108)).connected).toBe(true);
  });
});

describe('an isolated network', () => {
  let s: Setup;
  beforeAll(() => {
    s = isolated;
  });

  it('forwards both ways before its rules are applied (so the checks below can fail)', async () => {
    expect(await canPing(s.guest1.ns, UPLINK.wanAddress)).toBe(true);
    expect(await canPing(s.sb.wan, '10.30.0.10')).toBe(true);
  });

  it('lets guests reach the host and each other', async () => {
    await s.layer.firewall.applyNetworkRules(s.plan);
    expect(await canPing(s.guest1.ns, '10.30.0.1')).toBe(true);
    expect(await canPing(s.guest1.ns, '10.30.0.11')).toBe(true);
    expect((await tcpProbe(s.guest2.ns, s.guest1.ns, '10.30.0.10', 7201)).from).toBe('10.30.0.11');
  });

  it('lets nothing out to the wan, nor in from it', async () => {
    expect(await canPing(s.guest1.ns, UPLINK.wanAddress)).toBe(false);
    expect((await tcpProbe(s.guest1.ns, s.sb.wan, UPLINK.wanAddress, 7202)).connected).toBe(false);
    expect(await canPing(s.sb.wan, '10.30.0.10')).toBe(false);
    expect((await tcpProbe(s.sb.wan, s.guest1.ns, '10.30.0.10', 7203)).connected).toBe(false);
  });

  it("stays isolated when the host's forward policy is accept and another table accepts everything", async () => {
    await s.sb.host.exec('nft', ['-f', '-'], {
      input:
        'table inet other {\n chain fw { type filter hook forward priority -10; policy accept; accept\n }\n}\n',
    });
    expect(await canPing(s.guest1.ns, UPLINK.wanAddress)).toBe(false);
    await s.sb.host.exec('nft', ['delete', 'table', 'inet', 'other']);
  });
});

describe('an open network', () => {
  let s: Setup;
  beforeAll(() => {
    s = open;
  });

  it('gets no nft rule at all', async () => {
    const before = await snapshot(s.sb.host);
    await s.layer.firewall.applyNetworkRules(s.plan);
    expect(await s.layer.firewall.listFirewallNetworks()).toEqual([]);
    expect((await snapshot(s.sb.host)).ruleset).toEqual(before.ruleset);
  });

  it('forwards both ways, without NAT', async () => {
    expect((await tcpProbe(s.guest1.ns, s.sb.wan, UPLINK.wanAddress, 7301)).from).toBe('10.40.0.10');
    expect((await tcpProbe(s.sb.wan, s.guest1.ns, '10.40.0.10', 7302)).connected).toBe(true);
  });
});
