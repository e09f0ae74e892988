import { describe, expect, it } from 'vitest';
import type { HostState } from '../diagnose/host-state';
import { parseRuleset } from '../diagnose/nft-ruleset';
import { hostFindings } from './host-findings';

const chain = (family: string, table: string, name: string, hook: string, policy: string) => ({
  chain: { family, table, name, hook, type: 'filter', prio: 0, policy },
});

function host(over: Partial<HostState> = {}): HostState {
  return {
    links: new Map(),
    routes: [{ family: 4, dst: '0.0.0.0/0', dev: 'eth0' }],
    ipv4Forward: true,
    ipv6Forward: true,
    brNfIp: false,
    brNfIp6: false,
    ruleset: parseRuleset({ nftables: [] }),
    udp: [],
    ...over,
  };
}

describe('hostFindings', () => {
  it('finds nothing on a healthy host', () => {
    expect(hostFindings(host())).toEqual([]);
  });

  it('names forwarding that is off, with the sysctl that turns it on', () => {
    const f = hostFindings(host({ ipv4Forward: false, ipv6Forward: false }));
    expect(f.map((x) => x.id)).toEqual(['ipv4-forwarding', 'ipv6-forwarding']);
    // IPv6 forwarding off fails only when a running network forwards IPv6.
    expect(f.map((x) => x.status)).toEqual(['fail', 'warn']);
    const needed = hostFindings(host({ ipv6Forward: false }), { ipv6Forwarding: true });
    expect(needed.map((x) => [x.id, x.status])).toEqual([['ipv6-forwarding', 'fail']]);
    expect(f[0]!.fix).toBe('sysctl -w net.ipv4.ip_forward=1');
    expect(f[1]!.fix).toBe('sysctl -w net.ipv6.conf.all.forwarding=1');
  });

  it('says when there is no IPv4 default route (an IPv6 one does not count)', () => {
    const f = hostFindings(host({ routes: [{ family: 6, dst: '::/0', dev: 'eth0' }] }));
    expect(f.map((x) => [x.id, x.status])).toEqual([['default-route', 'warn']]);
  });

  it("names another tool's drop policy at forward and input, never vnm's own or other hooks", () => {
    const ruleset = parseRuleset({
      nftables: [
        chain('ip', 'filter', 'FORWARD', 'forward', 'drop'),
        chain('inet', 'filter', 'input', 'input', 'drop'),
        chain('inet', 'filter', 'output', 'output', 'drop'),
        chain('ip', 'nat', 'POSTROUTING', 'postrouting', 'accept'),
        chain('inet', 'vnm', 'forward', 'forward', 'drop'),
      ],
    });
    const f = hostFindings(host({ ruleset }));
    expect(f.map((x) => [x.id, x.status])).toEqual([
      ['drop-policy:ip filter FORWARD', 'fail'],
      ['drop-policy:inet filter input', 'warn'],
    ]);
    expect(f[0]!.summary).toBe(
      'Table ip filter chain FORWARD drops at the forward hook what its rules do not accept (policy drop).',
    );
  });
});
