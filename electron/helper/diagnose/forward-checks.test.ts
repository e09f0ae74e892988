import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { PortForward } from '../../../shared/model/port-forward';
import { netFacts } from './facts';
import { forwardChecks } from './forward-checks';
import type { HostState } from './host-state';
import { parseRuleset, type NftExpr } from './nft-ruleset';

const web: PortForward = {
  protocol: 'tcp',
  hostPort: { start: 8080, end: 8080 },
  guestAddress: '192.168.122.10',
  guestPort: { start: 80, end: 80 },
};

const natDef = (forwards: PortForward[]): NetworkDef =>
  ({
    name: 'default',
    forward: { mode: 'nat', interfaces: [], pfs: [], hostdevs: [] },
    ips: [{ address: '192.168.122.1', prefix: 24 }],
    routes: [],
    portgroups: [],
    forwards,
  }) as unknown as NetworkDef;

const m = (left: NftExpr, right: unknown, op = '=='): NftExpr => ({ match: { op, left, right } });
const oif = { meta: { key: 'oifname' } };
const tcpDport = { payload: { protocol: 'tcp', field: 'dport' } };
const ctState = { ct: { key: 'state' } };
const ctStatus = { ct: { key: 'status' } };
const established = m(ctState, ['established', 'related'], 'in');

interface Chain {
  family: string;
  table: string;
  name: string;
  hook?: string;
  prio?: number;
  policy?: string;
  type?: string;
  rules?: NftExpr[][];
}

function hostWith(chains: Chain[]): HostState {
  const items: Record<string, unknown>[] = [];
  let handle = 1;
  for (const c of chains) {
    const base = c.hook
      ? { hook: c.hook, type: c.type ?? 'filter', prio: c.prio ?? 0, policy: c.policy ?? 'accept' }
      : {};
    items.push({ chain: { family: c.family, table: c.table, name: c.name, ...base } });
    for (const expr of c.rules ?? []) {
      items.push({ rule: { family: c.family, table: c.table, chain: c.name, handle: handle++, expr } });
    }
  }
  const eth0 = { name: 'eth0', up: true, oper: 'up', mtu: 1500, addresses: ['198.51.100.2/24'] };
  return {
    links: new Map([['eth0', eth0]]),
    routes: [],
    ipv4Forward: true,
    ipv6Forward: true,
    brNfIp: false,
    brNfIp6: false,
    ruleset: parseRuleset({ nftables: items }),
    udp: [],
  };
}

function line(chains: Chain[], forwards: PortForward[] = [web]) {
  const def = natDef(forwards);
  const checks = forwardChecks(def, netFacts(def, 'virbr0'), hostWith(chains), 'eth0');
  expect(checks).toHaveLength(1);
  return checks[0]!;
}

const forwardDrop = (rules: NftExpr[][]): Chain => ({
  family: 'inet',
  table: 'filter',
  name: 'forward',
  hook: 'forward',
  policy: 'drop',
  rules,
});

describe('the port forward line', () => {
  it('is absent without forwards, and on a network that is not NAT', () => {
    const none = natDef([]);
    expect(forwardChecks(none, netFacts(none, 'virbr0'), hostWith([]), 'eth0')).toEqual([]);
    const routed = { ...natDef([web]), forward: { mode: 'route', interfaces: [], pfs: [], hostdevs: [] } };
    const def = routed as unknown as NetworkDef;
    expect(forwardChecks(def, netFacts(def, 'virbr0'), hostWith([]), 'eth0')).toEqual([]);
  });

  it('is ok with no other table, and with tables that let the traffic through', () => {
    expect(line([])).toMatchObject({ id: 'firewall-port-forwards', status: 'ok', fix: null });
    const accepting = forwardDrop([
      [established, { accept: null }],
      [m(ctStatus, 'dnat', 'in'), { accept: null }],
    ]);
    expect(line([accepting]).status).toBe('ok');
  });

  it('fails for a forward drop policy that accepts only replies, naming the chain, with a ct status dnat fix', () => {
    const l = line([forwardDrop([[established, { accept: null }]])]);
    expect(l.status).toBe('fail');
    expect(l.summary).toBe(
      'table inet filter chain forward drops the traffic of port forward tcp 8080 to 192.168.122.10:80: ' +
        'add an accept for it there.',
    );
    expect(l.fix).toBe(
      `nft insert rule inet filter forward 'oifname "virbr0" ip daddr 192.168.122.10 tcp dport 80 ct status dnat accept'`,
    );
    expect(l.details.join('\n')).toContain('to the guest tcp 203.0.113.7 -> 192.168.122.10:80');
  });

  it('without an established accept the replies are dropped too, and get their own fix', () => {
    const l = line([forwardDrop([])]);
    expect(l.status).toBe('fail');
    expect(l.fix).toContain('iifname "virbr0" ip saddr 192.168.122.10 tcp sport 80 ct status dnat accept');
    expect(l.details.some((d) => d.includes('reply tcp 192.168.122.10 -> 203.0.113.7'))).toBe(true);
  });

  it("a prerouting drop of the host port before vnm's DNAT fails; after it, the host port is gone", () => {
    const raw = (prio: number): Chain => ({
      family: 'ip',
      table: 'guard',
      name: 'pre',
      hook: 'prerouting',
      prio,
      rules: [[m(tcpDport, 8080), { drop: null }]],
    });
    const before = line([raw(-300)]);
    expect(before.status).toBe('fail');
    expect(before.summary).toContain('table ip guard chain pre drops');
    expect(before.fix).toBe("nft insert rule ip guard pre 'tcp dport 8080 accept'");
    expect(before.details.join('\n')).toContain('arriving tcp 203.0.113.7 -> 198.51.100.2:8080');
    // Priority 0 runs after the DNAT: the packet is for the guest's port 80 by then.
    expect(line([raw(0)]).status).toBe('ok');
  });

  it("reads iptables' --ctstate DNAT, and gives Docker's DOCKER-USER fix", () => {
    const docker = (accept: NftExpr[][]): Chain[] => [
      { family: 'ip', table: 'filter', name: 'DOCKER-USER', rules: [[{ return: null }]] },
      {
        family: 'ip',
        table: 'filter',
        name: 'FORWARD',
        hook: 'forward',
        policy: 'drop',
        rules: [[{ jump: { target: 'DOCKER-USER' } }], ...accept],
      },
    ];
    const l = line(docker([[m(oif, 'docker0'), established, { accept: null }]]));
    expect(l.status).toBe('fail');
    expect(l.fix).toContain(
      'iptables -I DOCKER-USER -o virbr0 -d 192.168.122.10 -p tcp --dport 80 -m conntrack --ctstate DNAT -j ACCEPT',
    );
    const ctDnat = m(ctState, ['dnat'], 'in');
    expect(
      line(
        docker([
          [established, { accept: null }],
          [ctDnat, { accept: null }],
        ]),
      ).status,
    ).toBe('ok');
  });

  it('names only the forwards hit, and a range as a range', () => {
    const range: PortForward = {
      protocol: 'udp',
      hostPort: { start: 9100, end: 9102 },
      guestAddress: '192.168.122.11',
      guestPort: { start: 9200, end: 9202 },
    };
    const udpDrop = forwardDrop([
      [established, { accept: null }],
      [m(ctState, 'new'), m(tcpDport, 80), { accept: null }],
    ]);
    const l = line([udpDrop], [web, range]);
    expect(l.status).toBe('fail');
    expect(l.summary).toContain('port forward udp 9100-9102 to 192.168.122.11:9200-9202:');
    expect(l.summary).not.toContain('8080');
    expect(l.fix).toContain('udp dport 9200-9202 ct status dnat accept');
  });

  it('an accept it cannot judge before the drop gives warn, not fail', () => {
    const fib = { match: { op: '==', left: { fib: { result: 'oif' } }, right: 'x' } };
    const l = line([
      forwardDrop([
        [established, { accept: null }],
        [fib, { accept: null }],
      ]),
    ]);
    expect(l.status).toBe('warn');
    expect(l.summary).toContain('may drop');
  });
});
