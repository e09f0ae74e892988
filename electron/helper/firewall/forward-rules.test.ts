import { describe, expect, it } from 'vitest';
import type { FirewallPlan } from './plan';
import { buildNetworkRules } from './rules';
import type { NetworkRules } from './rules';
import { forwardDeltaLines, ownedBy } from './script';
import { keyOfChain } from './table-name';

const NAT: FirewallPlan = {
  network: 'default',
  bridge: 'virbr0',
  mode: 'nat',
  ipv4: [{ subnet: '192.168.122.1/24' }],
  ipv6: [{ subnet: 'fd00:1::1/64' }],
  nat: { ipv6: true },
};
const WEB = {
  protocol: 'tcp' as const,
  hostPort: { start: 8080, end: 8080 },
  guestAddress: '192.168.122.10',
  guestPort: { start: 80, end: 80 },
};
const build = (plan: FirewallPlan): NetworkRules => buildNetworkRules(plan)!;

describe('port forward rules', () => {
  it('gives each forward a chain with its DNAT and map elements that jump to it', () => {
    const r = build({
      ...NAT,
      forwards: [
        WEB,
        {
          protocol: 'all',
          hostAddress: '2001:db8::5',
          hostPort: { start: 8000, end: 8001 },
          guestAddress: 'fd00:1::10',
          guestPort: { start: 9000, end: 9001 },
          description: '"; flush ruleset',
        },
      ],
    });
    const pf = r.chains.filter((c) => c.name.startsWith('pf'));
    expect(pf).toEqual([
      {
        name: 'pf_default.tcp.8080',
        rules: ['ip daddr != { 192.168.122.0/24 } meta l4proto tcp counter dnat ip to 192.168.122.10:80'],
      },
      {
        name: 'pf_default.all.8000.20010db8000000000000000000000005',
        rules: [
          'meta l4proto tcp counter dnat ip6 to [fd00:1::10] : th dport map { 8000 : 9000, 8001 : 9001 }',
          'meta l4proto udp counter dnat ip6 to [fd00:1::10] : th dport map { 8000 : 9000, 8001 : 9001 }',
        ],
      },
    ]);
    // The description never reaches nft.
    expect(JSON.stringify(r)).not.toContain('flush');
    expect(r.elements.filter((e) => e.set.startsWith('dnat'))).toEqual([
      { set: 'dnat4_jumps', key: '0.0.0.0/0 . tcp . 8080', verdict: 'jump pf_default.tcp.8080' },
      {
        set: 'dnat6_jumps',
        key: '2001:db8::5 . tcp . 8000-8001',
        verdict: 'jump pf_default.all.8000.20010db8000000000000000000000005',
      },
      {
        set: 'dnat6_jumps',
        key: '2001:db8::5 . udp . 8000-8001',
        verdict: 'jump pf_default.all.8000.20010db8000000000000000000000005',
      },
    ]);
    for (const c of pf) expect(keyOfChain(c.name)).toBe('_default');
  });

  it('keeps the ports when host and guest ranges are the same', () => {
    const r = build({
      ...NAT,
      forwards: [{ ...WEB, hostPort: { start: 80, end: 90 }, guestPort: { start: 80, end: 90 } }],
    });
    expect(r.chains.at(-1)?.rules).toEqual([
      'ip daddr != { 192.168.122.0/24 } meta l4proto tcp counter dnat ip to 192.168.122.10',
    ]);
  });

  it('changes only the forward that comes or goes', () => {
    const one = build({ ...NAT, forwards: [WEB] });
    const udp = { ...WEB, protocol: 'udp' as const };
    const two = build({ ...NAT, forwards: [WEB, udp] });
    expect(forwardDeltaLines(ownedBy(one), two)).toEqual([
      'add chain inet vnm pf_default.udp.8080',
      'add rule inet vnm pf_default.udp.8080 ip daddr != { 192.168.122.0/24 } meta l4proto udp counter dnat ip to 192.168.122.10:80',
      'add element inet vnm dnat4_jumps { 0.0.0.0/0 . udp . 8080 : jump pf_default.udp.8080 }',
    ]);
    expect(forwardDeltaLines(ownedBy(two), one)).toEqual([
      'delete element inet vnm dnat4_jumps { 0.0.0.0/0 . udp . 8080 }',
      'flush chain inet vnm pf_default.udp.8080',
      'delete chain inet vnm pf_default.udp.8080',
    ]);
  });

  it('refuses forwards on networks without NAT and values nft cannot take', () => {
    expect(() => build({ ...NAT, mode: 'route', forwards: [WEB] })).toThrow(/NAT network/);
    expect(() => build({ ...NAT, forwards: [{ ...WEB, guestAddress: '1.2.3.4; drop' }] })).toThrow(
      /not an IP/,
    );
    expect(() => build({ ...NAT, forwards: [{ ...WEB, hostPort: { start: 0, end: 0 } }] })).toThrow(
      /1-65535/,
    );
  });
});
