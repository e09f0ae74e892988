import { describe, expect, it } from 'vitest';
import { VnmError } from '../../../shared/rpc/errors';
import type { FirewallPlan } from './plan';
import type { NetworkRules } from './rules';
import { buildNetworkRules } from './rules';

const NAT: FirewallPlan = {
  network: 'default',
  bridge: 'virbr0',
  mode: 'nat',
  ipv4: [{ subnet: '192.168.122.1/24' }],
  ipv6: [],
};

function build(plan: FirewallPlan): NetworkRules {
  const rules = buildNetworkRules(plan);
  if (!rules) throw new Error('no rules');
  return rules;
}

/** The rules of the network's forward (fwd_) or NAT (nat_) chain; [] when it has none. */
function chain(rules: NetworkRules, kind: 'forward' | 'postrouting'): string[] {
  const prefix = kind === 'forward' ? 'fwd' : 'nat';
  return [...(rules.chains.find((c) => c.name.startsWith(prefix))?.rules ?? [])];
}

const elements = (rules: NetworkRules) =>
  rules.elements.map((e) => `${e.set} ${e.key}${e.verdict ? ` : ${e.verdict}` : ''}`);

function invalid(plan: FirewallPlan): VnmError {
  try {
    buildNetworkRules(plan);
  } catch (e) {
    expect(e).toBeInstanceOf(VnmError);
    expect((e as VnmError).kind).toBe('invalid-argument');
    return e as VnmError;
  }
  throw new Error('the plan was accepted');
}

describe('buildNetworkRules', () => {
  it("builds libvirt's NAT rules for the default network", () => {
    const rules = build(NAT);
    expect(rules.key).toBe('_default');
    expect(rules.chains).toEqual([
      {
        name: 'fwd_default',
        rules: [
          'iifname "virbr0" oifname "virbr0" counter return',
          'oifname "virbr0" ip daddr 192.168.122.0/24 ct state related,established counter return',
          'oifname "virbr0" ip daddr 192.168.122.0/24 ct status dnat counter return',
          'oifname "virbr0" counter reject',
          'iifname "virbr0" ip saddr 192.168.122.0/24 counter return',
          'iifname "virbr0" counter reject',
        ],
      },
      {
        name: 'nat_default',
        rules: [
          'ip saddr 192.168.122.0/24 ip daddr 192.168.122.0/24 ct status dnat counter masquerade',
          'ip saddr 192.168.122.0/24 ip daddr 224.0.0.0/24 counter return',
          'ip saddr 192.168.122.0/24 ip daddr 255.255.255.255 counter return',
          'meta l4proto tcp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter masquerade to :1024-65535',
          'meta l4proto udp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter masquerade to :1024-65535',
          'ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter masquerade',
        ],
      },
    ]);
    expect(elements(rules)).toEqual([
      'bridges "virbr0"',
      'forward_jumps "virbr0" : jump fwd_default',
      'nat4_jumps 192.168.122.0/24 : jump nat_default',
    ]);
  });

  it('restricts forwarding and NAT to the forward device', () => {
    const s = build({ ...NAT, forwardDev: 'eth0' });
    expect(chain(s, 'forward')).toContain(
      'iifname "eth0" oifname "virbr0" ip daddr 192.168.122.0/24 ct state related,established counter return',
    );
    expect(chain(s, 'forward')).toContain(
      'iifname "virbr0" ip saddr 192.168.122.0/24 oifname "eth0" counter return',
    );
    // All but the hairpin masquerade, which goes back out of the bridge.
    for (const rule of chain(s, 'postrouting').slice(1)) expect(rule).toContain('oifname "eth0"');
  });

  it('SNATs to the <nat> address range with the port range on TCP and UDP', () => {
    const s = build({
      ...NAT,
      nat: { addressStart: '203.0.113.5', addressEnd: '203.0.113.9', portStart: 2000, portEnd: 3000 },
    });
    const nat = chain(s, 'postrouting');
    expect(nat[3]).toMatch(/^meta l4proto tcp .* snat ip to 203\.0\.113\.5-203\.0\.113\.9:2000-3000$/);
    expect(nat[4]).toMatch(/^meta l4proto udp .* snat ip to 203\.0\.113\.5-203\.0\.113\.9:2000-3000$/);
    expect(nat[5]).toMatch(/counter snat ip to 203\.0\.113\.5-203\.0\.113\.9$/);
  });

  it('SNATs to a single address when the range has no end', () => {
    const nat = chain(build({ ...NAT, nat: { addressStart: '203.0.113.5' } }), 'postrouting');
    expect(nat[5]).toMatch(/snat ip to 203\.0\.113\.5$/);
  });

  it('routes IPv6 on a NAT network, and masquerades it only with ipv6=yes', () => {
    const plan = { ...NAT, ipv6: [{ subnet: 'fd00:122::1/64' }] };
    const routed = build(plan);
    expect(chain(routed, 'forward')).toContain('oifname "virbr0" ip6 daddr fd00:122::/64 counter return');
    expect(chain(routed, 'postrouting').join('\n')).not.toContain('ip6');
    expect(elements(routed)).toContain('bridges6 "virbr0"');
    expect(elements(routed).join('\n')).not.toContain('nat6_jumps');
    const masq = build({ ...plan, nat: { ipv6: true } });
    expect(chain(masq, 'forward')).toContain(
      'oifname "virbr0" ip6 daddr fd00:122::/64 ct state related,established counter return',
    );
    expect(elements(masq)).toContain('nat6_jumps fd00:122::/64 : jump nat_default');
    expect(chain(masq, 'postrouting')).toContain(
      'ip6 saddr fd00:122::/64 ip6 daddr ff02::/16 counter return',
    );
    expect(chain(masq, 'postrouting')).toContain(
      'ip6 saddr fd00:122::/64 ip6 daddr != fd00:122::/64 counter masquerade',
    );
  });

  it('routes both ways without NAT on a routed network', () => {
    const s = build({ ...NAT, mode: 'route', forwardDev: 'eth1' });
    expect(chain(s, 'forward')).toEqual([
      'iifname "virbr0" oifname "virbr0" counter return',
      'iifname "eth1" oifname "virbr0" ip daddr 192.168.122.0/24 counter return',
      'oifname "virbr0" counter reject',
      'iifname "virbr0" ip saddr 192.168.122.0/24 oifname "eth1" counter return',
      'iifname "virbr0" counter reject',
    ]);
    expect(s.chains.map((c) => c.name)).toEqual(['fwd_default']);
    expect(elements(s).join('\n')).not.toContain('nat4_jumps');
  });

  it('lets an isolated network reach only itself and the host', () => {
    const s = build({ ...NAT, mode: 'isolated' });
    expect(chain(s, 'forward')).toEqual([
      'iifname "virbr0" oifname "virbr0" counter return',
      'oifname "virbr0" counter reject',
      'iifname "virbr0" counter reject',
    ]);
    expect(elements(s)).toEqual(['bridges "virbr0"', 'forward_jumps "virbr0" : jump fwd_default']);
  });

  it('opens TFTP (udp/69 to the host, a base rule over tftp_bridges) only for a network with <tftp>', () => {
    expect(elements(build({ ...NAT, tftp: true }))).toContain('tftp_bridges "virbr0"');
    expect(elements(build({ ...NAT, mode: 'isolated', tftp: true }))).toContain('tftp_bridges "virbr0"');
    expect(elements(build(NAT)).some((e) => e.startsWith('tftp_bridges'))).toBe(false);
  });

  it('makes no rules at all for an open network', () => {
    expect(buildNetworkRules({ ...NAT, mode: 'open' })).toBeNull();
  });

  it('writes one block of rules per subnet', () => {
    const s = build({ ...NAT, ipv4: [{ subnet: '10.0.0.0/24' }, { subnet: '10.0.1.0/24' }] });
    expect(chain(s, 'postrouting')).toHaveLength(12);
    expect(chain(s, 'forward').filter((r) => r.includes('10.0.1.0/24'))).toHaveLength(3);
    expect(elements(s).filter((e) => e.startsWith('nat4_jumps'))).toHaveLength(2);
  });

  it('encodes any character of a network name into nft-safe chain names', () => {
    const s = build({ ...NAT, network: 'a "b"\nc\\' });
    expect(s.chains.map((c) => c.name)).toEqual(['fwd_a_20_22b_22_0ac_5c', 'nat_a_20_22b_22_0ac_5c']);
  });

  it('refuses bad values with a message naming them', () => {
    expect(invalid({ ...NAT, ipv4: [{ subnet: '192.168.300.0/24' }] }).message).toContain(
      "'192.168.300.0/24'",
    );
    expect(invalid({ ...NAT, ipv4: [{ subnet: 'fd00::/64' }] }).message).toContain('not an IPv4 subnet');
    expect(invalid({ ...NAT, ipv4: [{ subnet: '192.168.1.0' }] }).message).toContain('address/prefix');
    expect(invalid({ ...NAT, bridge: 'br"0' }).message).toContain('bridge name');
    expect(invalid({ ...NAT, bridge: 'a'.repeat(16) }).message).toContain('1 to 15');
    expect(invalid({ ...NAT, forwardDev: 'eth 0' }).message).toContain('forward device');
    expect(invalid({ ...NAT, mode: 'bridge' as never }).message).toContain("mode 'bridge'");
    expect(invalid({ ...NAT, network: '' }).message).toContain('network name');
    expect(invalid({ ...NAT, nat: { addressStart: 'fd00::1' } }).message).toContain('not an IPv4 address');
    expect(invalid({ ...NAT, nat: { addressEnd: '1.2.3.4' } }).message).toContain('no start');
    expect(invalid({ ...NAT, nat: { addressStart: '1.2.3.9', addressEnd: '1.2.3.4' } }).message).toContain(
      'swap',
    );
    expect(invalid({ ...NAT, nat: { portStart: 3000, portEnd: 2000 } }).message).toContain("'3000-2000'");
    expect(invalid({ ...NAT, nat: { portStart: 1024, portEnd: 70000 } }).message).toContain('65535');
  });

  it('ignores NAT settings outside NAT mode, as libvirt does', () => {
    const s = build({ ...NAT, mode: 'route', nat: { portStart: 5, portEnd: 1 } });
    expect(JSON.stringify(s)).not.toContain('snat');
  });
});
