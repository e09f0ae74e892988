import { describe, expect, it } from 'vitest';
import { describeChoices } from './describe';
import { GOOD } from './test-choices';

const detail = (rows: ReturnType<typeof describeChoices>, term: string) =>
  rows.find((r) => r.term === term)?.detail;

describe('describeChoices', () => {
  it('says every choice of a NAT network in words', () => {
    const rows = describeChoices(GOOD, 'virbr3');
    expect(rows.map((r) => r.term)).toEqual([
      'Name',
      'Mode',
      'Device',
      'Forward to',
      'IPv4 network',
      'DHCPv4',
      'IPv6 network',
      'IPv6 out',
      'DHCPv6',
      'DNS domain',
      'Port forwards',
    ]);
    expect(detail(rows, 'IPv6 out')).toBe('NAT: guests reach the outside through the host’s IPv6 address');
    expect(detail(rows, 'Mode')).toMatch(/^NAT\. Guests reach the host, each other and the outside/);
    expect(detail(rows, 'Device')).toContain('virbr3 is free now');
    expect(detail(rows, 'Forward to')).toBe('any physical device');
    expect(detail(rows, 'IPv4 network')).toBe('192.168.100.0/24 (254 host addresses), gateway 192.168.100.1');
    expect(detail(rows, 'DHCPv4')).toBe('leases 192.168.100.128 to 192.168.100.254 (127 addresses)');
    expect(detail(rows, 'DHCPv6')).toBe(
      'leases fd12:3456:789a:1::100 to fd12:3456:789a:1::1ff (256 addresses)',
    );
    expect(detail(rows, 'DNS domain')).toBe('network (answered locally)');
    expect(detail(rows, 'Port forwards')).toContain(
      'add them after creation in the network’s Port Forwarding tab',
    );
  });

  it('says what is off, the device chosen and a custom domain', () => {
    const rows = describeChoices({
      ...GOOD,
      mode: 'route',
      forwardDev: 'eth0',
      ipv4Dhcp: false,
      ipv6Enabled: false,
      dnsChoice: 'custom',
      customDomain: 'lab.example',
    });
    expect(detail(rows, 'Forward to')).toBe('eth0');
    expect(detail(rows, 'DHCPv4')).toContain('off');
    expect(detail(rows, 'IPv6')).toBe('off');
    expect(detail(rows, 'DNS domain')).toBe('lab.example (answered locally)');
    // A routed network's guests are reachable directly: no forwards to offer.
    expect(detail(rows, 'Port forwards')).toBeUndefined();
  });

  it('says routed IPv6 needs a prefix routed to the host, and isolated IPv6 goes nowhere', () => {
    const needs = 'routed: needs a prefix that the upstream router routes to this host';
    expect(detail(describeChoices({ ...GOOD, ipv6Nat: false }), 'IPv6 out')).toBe(needs);
    expect(detail(describeChoices({ ...GOOD, mode: 'route' }), 'IPv6 out')).toBe(needs);
    expect(detail(describeChoices({ ...GOOD, mode: 'isolated' }), 'IPv6 out')).toBeUndefined();
  });

  it('has no forward device for isolated networks and no DNS domain when none is chosen', () => {
    const rows = describeChoices({ ...GOOD, mode: 'isolated', dnsChoice: 'none' });
    expect(detail(rows, 'Forward to')).toBeUndefined();
    expect(detail(rows, 'DNS domain')).toBe('none');
  });

  it('names the host bridge and nothing of addresses in Bridge mode', () => {
    const rows = describeChoices({ ...GOOD, mode: 'bridge', hostBridge: 'br0' });
    expect(rows.map((r) => r.term)).toEqual(['Name', 'Mode', 'Host bridge']);
    expect(detail(rows, 'Host bridge')).toContain('br0');
  });
});
