import { describe, expect, it } from 'vitest';
import { netFacts } from './facts';
import { shellLine } from './argv';
import { firewallChecks } from './firewall-checks';
import { planOf } from './fix-plan';
import { parseRuleset, type NftExpr } from './nft-ruleset';
import type { NetworkDef } from '../../../shared/model/network';

const def: NetworkDef = {
  name: 'default',
  forward: { mode: 'nat', interfaces: [], pfs: [], hostdevs: [] },
  ips: [
    {
      address: '192.168.122.1',
      prefix: 24,
      dhcp: { ranges: [{ start: '192.168.122.2', end: '192.168.122.254' }], hosts: [] },
    },
  ],
  routes: [],
  portgroups: [],
} as unknown as NetworkDef;
const facts = netFacts(def, 'virbr0');

const m = (left: NftExpr, right: unknown, op = '=='): NftExpr => ({ match: { op, left, right } });
const iif = { meta: { key: 'iifname' } };
const oif = { meta: { key: 'oifname' } };
const udpDport = { payload: { protocol: 'udp', field: 'dport' } };
const ctState = { ct: { key: 'state' } };

interface Chain {
  family: string;
  table: string;
  name: string;
  hook?: string;
  policy?: string;
  type?: string;
  rules?: NftExpr[][];
}

function ruleset(chains: Chain[]) {
  const items: Record<string, unknown>[] = [];
  let handle = 1;
  for (const c of chains) {
    items.push({
      chain: {
        family: c.family,
        table: c.table,
        name: c.name,
        ...(c.hook ? { hook: c.hook, type: c.type ?? 'filter', prio: 0, policy: c.policy ?? 'accept' } : {}),
      },
    });
    for (const expr of c.rules ?? []) {
      items.push({ rule: { family: c.family, table: c.table, chain: c.name, handle: handle++, expr } });
    }
  }
  return parseRuleset({ nftables: items });
}

const byId = (rs: ReturnType<typeof ruleset>) =>
  Object.fromEntries(firewallChecks(rs, facts, 'eth0').map((c) => [c.id, c]));

describe('foreign chains', () => {
  it('no foreign table: every line ok, with nothing to apply', () => {
    const lines = byId(ruleset([]));
    expect(Object.keys(lines)).toEqual(['firewall-forward', 'firewall-dhcp', 'firewall-dns']);
    expect(Object.values(lines).every((c) => c.status === 'ok')).toBe(true);
    expect(Object.values(lines).some((c) => c.canApply || planOf(c))).toBe(false);
  });

  it("an admin's nft table gets one insert per rule, tagged with a comment naming vnm and the network", () => {
    const fwd = byId(
      ruleset([{ family: 'inet', table: 'filter', name: 'forward', hook: 'forward', policy: 'drop' }]),
    )['firewall-forward']!;
    expect(fwd.status).toBe('fail');
    expect(planOf(fwd)).toEqual({
      kind: 'run',
      commands: [
        [
          'nft',
          'insert',
          'rule',
          'inet',
          'filter',
          'forward',
          'iifname "virbr0" ip saddr 192.168.122.0/24 accept comment "vnm:default"',
        ],
        [
          'nft',
          'insert',
          'rule',
          'inet',
          'filter',
          'forward',
          'oifname "virbr0" ip daddr 192.168.122.0/24 ct state related,established accept comment "vnm:default"',
        ],
      ],
    });
  });

  it("Docker's FORWARD drop fails, with the DOCKER-USER fix; an accept there makes it ok", () => {
    const docker: Chain[] = [
      { family: 'ip', table: 'filter', name: 'DOCKER-USER', rules: [[{ return: null }]] },
      { family: 'ip', table: 'filter', name: 'DOCKER' },
      {
        family: 'ip',
        table: 'filter',
        name: 'FORWARD',
        hook: 'forward',
        policy: 'drop',
        rules: [
          [{ jump: { target: 'DOCKER-USER' } }],
          [m(oif, 'docker0'), m(ctState, ['established', 'related'], 'in'), { accept: null }],
          [m(iif, 'docker0'), m(oif, 'docker0', '!='), { accept: null }],
        ],
      },
    ];
    const fwd = byId(ruleset(docker))['firewall-forward']!;
    expect(fwd.status).toBe('fail');
    expect(fwd.summary).toBe('table ip filter chain FORWARD drops guest traffic forwarded through the host.');
    expect(fwd.fix).toBe(
      'iptables -I DOCKER-USER -i virbr0 -s 192.168.122.0/24 -m comment --comment vnm:default -j ACCEPT && ' +
        'iptables -I DOCKER-USER -o virbr0 -d 192.168.122.0/24 -m conntrack --ctstate RELATED,ESTABLISHED ' +
        '-m comment --comment vnm:default -j ACCEPT',
    );
    // What vnmd would run on confirmation is the printed line, as argument arrays.
    expect(fwd.canApply).toBe(true);
    const plan = planOf(fwd);
    expect(plan?.kind === 'run' && plan.commands.map((c) => shellLine([c])).join(' && ')).toBe(fwd.fix);
    docker[0]!.rules = [
      [m(iif, 'virbr0'), { accept: null }],
      [m(oif, 'virbr0'), { accept: null }],
      [{ return: null }],
    ];
    expect(byId(ruleset(docker))['firewall-forward']!.status).toBe('ok');
  });

  it('a reject of udp 67 on any interface at input fails DHCP only; one on another interface does not', () => {
    const input = (rule: NftExpr[]): Chain => ({
      family: 'inet',
      table: 'firewalld',
      name: 'filter_INPUT',
      hook: 'input',
      rules: [rule],
    });
    const lines = byId(ruleset([input([m(udpDport, 67), { reject: null }])]));
    expect(lines['firewall-dhcp']!.status).toBe('fail');
    expect(lines['firewall-dhcp']!.fix).toBe('firewall-cmd --zone=libvirt --add-interface=virbr0');
    expect(planOf(lines['firewall-dhcp']!)).toEqual({
      kind: 'run',
      commands: [['firewall-cmd', '--zone=libvirt', '--add-interface=virbr0']],
    });
    expect(lines['firewall-dns']!.status).toBe('ok');
    expect(lines['firewall-forward']!.status).toBe('ok');
    const other = byId(ruleset([input([m(iif, 'eth0'), m(udpDport, { set: [53, 67] }), { drop: null }])]));
    expect(other['firewall-dhcp']!.status).toBe('ok');
  });

  it('ufw tables get ufw commands; an accept for the bridge (wildcard) before a drop policy passes', () => {
    const ufw: Chain[] = [
      { family: 'ip', table: 'filter', name: 'ufw-before-forward' },
      { family: 'ip', table: 'filter', name: 'FORWARD', hook: 'forward', policy: 'drop' },
    ];
    expect(byId(ruleset(ufw))['firewall-forward']!.fix).toBe(
      'ufw route allow in on virbr0 && ufw route allow out on virbr0',
    );
    ufw[1]!.rules = [
      [m(iif, 'virbr*'), { accept: null }],
      [m(oif, 'virbr*'), { accept: null }],
    ];
    expect(byId(ruleset(ufw))['firewall-forward']!.status).toBe('ok');
  });

  it('an accept this evaluator cannot judge before a drop policy gives warn, not fail', () => {
    const rs = ruleset([
      {
        family: 'inet',
        table: 'filter',
        name: 'forward',
        hook: 'forward',
        policy: 'drop',
        rules: [[{ match: { op: '==', left: { fib: { result: 'oif' } }, right: 'x' } }, { accept: null }]],
      },
    ]);
    const fwd = byId(rs)['firewall-forward']!;
    expect(fwd.status).toBe('warn');
    expect(fwd.details.join('\n')).toContain('unless inet filter forward rule');
  });

  it("ignores vnm's own table and the other family", () => {
    const rs = ruleset([
      { family: 'inet', table: 'vnm', name: 'forward', hook: 'forward', policy: 'drop' },
      { family: 'ip6', table: 'filter', name: 'FORWARD', hook: 'forward', policy: 'drop' },
    ]);
    expect(byId(rs)['firewall-forward']!.status).toBe('ok');
  });
});
