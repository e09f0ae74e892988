/**
 * The firewall's promises about the ruleset, checked in a namespace: one transaction per
 * apply and remove, nothing left after removal (the shared table goes with the last
 * network), nothing changed by a failure, nobody else's tables touched, and concurrent
 * changes applied together without mixing up their outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostLayer, type HostLayer } from '../helpers/host-layer';
import { createNetns, destroyAllNetns, type TestNetns } from '../helpers/netns';
import { snapshot } from '../helpers/snapshot';
import type { FirewallPlan } from '../../electron/helper/firewall';
import { VnmError } from '../../shared/rpc/errors';

const NAT: FirewallPlan = {
  network: 'default',
  bridge: 'virbr0',
  mode: 'nat',
  ipv4: [{ subnet: '192.168.122.0/24' }],
  ipv6: [{ subnet: 'fd00:122::/64' }],
};
const ROUTE: FirewallPlan = {
  ...NAT,
  network: 'routed',
  bridge: 'virbr1',
  mode: 'route',
  ipv4: [{ subnet: '10.1.0.0/24' }],
};

// Someone else's rules, which vnm must never touch.
const FOREIGN = `table inet theirs {
  chain input { type filter hook input priority 0; policy accept; tcp dport 22 accept; }
}
table ip nat {
  chain postrouting { type nat hook postrouting priority 100; policy accept; }
}
`;

let ns: TestNetns;
let layer: HostLayer;

beforeAll(async () => {
  ns = await createNetns('fwtx');
  layer = await startHostLayer(ns);
  await ns.exec('nft', ['-f', '-'], { input: FOREIGN });
});

afterAll(async () => {
  layer?.runner.close();
  await destroyAllNetns();
});

async function expectFailure(p: Promise<unknown>, kind: string): Promise<VnmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VnmError);
  expect((err as VnmError).kind).toBe(kind);
  return err as VnmError;
}

describe('nft transactions', () => {
  it('leaves the host exactly as before after apply then remove, foreign tables included', async () => {
    const before = await snapshot(ns);
    await layer.firewall.applyNetworkRules(NAT);
    await layer.firewall.applyNetworkRules(ROUTE);
    expect((await layer.firewall.listFirewallNetworks()).map((t) => t.network).sort()).toEqual([
      'default',
      'routed',
    ]);
    expect(await layer.firewall.hasNetworkRules('default')).toBe(true);
    await layer.firewall.removeNetworkRules('default');
    expect(await layer.firewall.hasNetworkRules('default')).toBe(false);
    await layer.firewall.removeNetworkRules('routed');
    expect(await snapshot(ns)).toEqual(before);
  });

  it('removes one network without touching the table of another', async () => {
    await layer.firewall.applyNetworkRules(ROUTE);
    const withRoute = (await snapshot(ns)).ruleset;
    await layer.firewall.applyNetworkRules(NAT);
    await layer.firewall.removeNetworkRules('default');
    expect((await snapshot(ns)).ruleset).toEqual(withRoute);
    await layer.firewall.removeNetworkRules('routed');
  });

  it('removes nothing, without error, when a network has no table', async () => {
    const before = await snapshot(ns);
    await layer.firewall.removeNetworkRules('never-started');
    expect(await snapshot(ns)).toEqual(before);
  });

  it('refuses a bad plan before nft runs, changing nothing', async () => {
    const before = await snapshot(ns);
    const err = await expectFailure(
      layer.firewall.applyNetworkRules({ ...NAT, ipv4: [{ subnet: '192.168.300.0/24' }] }),
      'invalid-argument',
    );
    expect(err.message).toContain('192.168.300.0/24');
    expect(await snapshot(ns)).toEqual(before);
  });

  it('fails a whole transaction when nft rejects any line of it: no table, no rule', async () => {
    const before = await snapshot(ns);
    const rules = await layer.firewall.buildNetworkRules(NAT);
    const script = (await layer.firewall.standaloneScript(rules!)) + 'add rule inet vnm fwd_default bogus\n';
    const err = await expectFailure(
      layer.firewall.applyNftScript(script, 'a broken script'),
      'operation-failed',
    );
    expect(err.message).toMatch(/^nft refused a broken script, nothing was changed: .*Error/);
    expect(await snapshot(ns)).toEqual(before);
  });

  it('keeps the running rules when their replacement fails', async () => {
    await layer.firewall.applyNetworkRules(NAT);
    const running = await snapshot(ns);
    const replacement = await layer.firewall.buildNetworkRules({ ...NAT, mode: 'isolated' });
    const script = await layer.firewall.standaloneScript(replacement!);
    await expectFailure(
      layer.firewall.applyNftScript(`${script}bogus\n`, 'the replacement'),
      'operation-failed',
    );
    expect(await snapshot(ns)).toEqual(running);
    await layer.firewall.removeNetworkRules('default');
  });

  it('gives networks with any characters in their name chains of their own', async () => {
    const names = ['my net "quoted"', 'ünïcode', 'a'.repeat(200), 'a'.repeat(199) + 'b', 'vnm_x'];
    const before = await snapshot(ns);
    for (const [i, network] of names.entries()) {
      const ipv4 = [{ subnet: `10.9.${i}.0/24` }];
      await layer.firewall.applyNetworkRules({ ...NAT, network, bridge: `vb${i}`, ipv4, ipv6: [] });
    }
    const nets = await layer.firewall.listFirewallNetworks();
    expect(new Set(nets.map((t) => t.key)).size).toBe(names.length);
    expect(nets.map((t) => t.network).filter((n) => n !== null)).toEqual(
      expect.arrayContaining(['my net "quoted"', 'ünïcode', 'vnm_x']),
    );
    for (const network of names) await layer.firewall.removeNetworkRules(network);
    expect(await snapshot(ns)).toEqual(before);
  });

  it('makes scripts nft accepts for every mode and option', async () => {
    const variants: FirewallPlan[] = [
      NAT,
      { ...NAT, forwardDev: 'eth0', nat: { addressStart: '203.0.113.5', addressEnd: '203.0.113.9' } },
      { ...NAT, nat: { addressStart: '203.0.113.5', portStart: 2000, portEnd: 3000, ipv6: true } },
      { ...NAT, ipv4: [{ subnet: '10.0.0.0/24' }, { subnet: '10.0.1.0/24' }], ipv6: [] },
      ROUTE,
      { ...ROUTE, forwardDev: 'eth0.100' },
      { ...NAT, mode: 'isolated' },
      { ...NAT, mode: 'isolated', ipv4: [], ipv6: [] },
    ];
    for (const plan of variants) {
      const script = await layer.firewall.standaloneScript((await layer.firewall.buildNetworkRules(plan))!);
      const r = await ns.tryExec('nft', ['-c', '-f', '-'], { input: script });
      expect({ plan, stderr: r.stderr }).toEqual({ plan, stderr: '' });
    }
  });

  it('applies concurrent changes together and gives each its own outcome', async () => {
    const before = await snapshot(ns);
    const plans = [1, 2, 3, 4, 5].map((i): FirewallPlan => ({
      ...NAT,
      network: `n${i}`,
      bridge: `vc${i}`,
      ipv4: [{ subnet: `10.5${i}.0.0/24` }],
    }));
    // Overlaps n1's subnet: nft refuses it, and only it.
    const bad: FirewallPlan = {
      ...NAT,
      network: 'bad',
      bridge: 'vcbad',
      ipv4: [{ subnet: '10.51.0.0/16' }],
      ipv6: [],
    };
    const results = await Promise.allSettled([...plans, bad].map((p) => layer.firewall.applyNetworkRules(p)));
    expect(results.map((r) => r.status)).toEqual([...plans.map(() => 'fulfilled'), 'rejected']);
    expect(String((results[5] as PromiseRejectedResult).reason)).toContain("network 'bad'");
    expect((await layer.firewall.listFirewallNetworks()).map((t) => t.network).sort()).toEqual([
      'n1',
      'n2',
      'n3',
      'n4',
      'n5',
    ]);
    await Promise.all(plans.map((p) => layer.firewall.removeNetworkRules(p.network)));
    expect(await snapshot(ns)).toEqual(before);
  });

  it('copes with its table changed behind its back, and removes tables of older versions', async () => {
    const before = await snapshot(ns);
    await layer.firewall.applyNetworkRules(NAT);
    await ns.exec('nft', ['delete', 'table', 'inet', 'vnm']);
    await layer.firewall.applyNetworkRules(ROUTE);
    expect(await layer.firewall.hasNetworkRules('routed')).toBe(true);
    await layer.firewall.removeNetworkRules('default');
    await layer.firewall.removeNetworkRules('routed');
    expect(await snapshot(ns)).toEqual(before);
    await ns.exec('nft', ['add', 'table', 'inet', 'vnm_default']);
    await layer.firewall.readFirewallState();
    await layer.firewall.removeNetworkRules('default');
    expect(await snapshot(ns)).toEqual(before);
  });
});
