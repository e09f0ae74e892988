import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { netFacts } from './facts';
import { planOf, reshape, withPlan } from './fix-plan';
import { bridgeCheck, dnsmasqCheck, forwardingCheck } from './host-checks';
import type { HostState } from './host-state';
import { parseRuleset } from './nft-ruleset';

const def = {
  name: 'default',
  forward: { mode: 'nat', interfaces: [], pfs: [], hostdevs: [] },
  ips: [
    {
      address: '192.168.122.1',
      prefix: 24,
      dhcp: { ranges: [{ start: '192.168.122.2', end: '192.168.122.254' }], hosts: [] },
    },
    { family: 'ipv6', address: 'fd00:1::1', prefix: 64 },
  ],
  routes: [],
  portgroups: [],
} as unknown as NetworkDef;
const facts = netFacts(def, 'virbr0');

const host = (over: Partial<HostState> = {}): HostState => ({
  links: new Map(),
  routes: [],
  ipv4Forward: true,
  ipv6Forward: true,
  brNfIp: false,
  brNfIp6: false,
  ruleset: parseRuleset({ nftables: [] }),
  udp: [],
  ...over,
});

describe('fix plans of host lines', () => {
  it('forwarding off: one sysctl for every family that is off, the printed line exactly', () => {
    const line = forwardingCheck(facts, host({ ipv4Forward: false, ipv6Forward: false }));
    expect(line.fix).toBe('sysctl -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1');
    expect(line.canApply).toBe(true);
    expect(planOf(line)).toEqual({
      kind: 'run',
      commands: [['sysctl', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']],
    });
    expect(planOf(forwardingCheck(facts, host()))).toBeUndefined();
  });

  it('a dead dnsmasq can be restarted; one never started, or a bridge that is down, cannot', () => {
    const dead = dnsmasqCheck(facts, host(), 4242, false);
    expect(dead).toMatchObject({ status: 'fail', canApply: true });
    expect(planOf(dead)).toEqual({ kind: 'restart-dnsmasq' });
    const never = dnsmasqCheck(facts, host(), null, false);
    expect(never.canApply).toBeUndefined();
    expect(planOf(never)).toBeUndefined();
    expect(planOf(bridgeCheck(facts, host()))).toBeUndefined();
  });

  it('a reshaped line keeps its plan; a copy made otherwise does not', () => {
    const line = withPlan(
      { id: 'x', status: 'fail', summary: 's', fix: 'sysctl -w a=1', details: [] },
      { kind: 'run', commands: [['sysctl', '-w', 'a=1']] },
    );
    expect(planOf(reshape(line, { details: ['more'] }))).toBe(planOf(line));
    expect(planOf({ ...line })).toBeUndefined();
  });
});
