import { describe, expect, it } from 'vitest';
import type { FirewallPlan } from './plan';
import { buildNetworkRules } from './rules';
import type { NetworkRules } from './rules';
import type { FirewallOp, FirewallState, NftJson } from './state';
import { EMPTY_STATE, parseState, planOps, stateText } from './state';

const plan = (network: string, i: number, extra: Partial<FirewallPlan> = {}): FirewallPlan => ({
  network,
  bridge: `virbr${i}`,
  mode: 'nat',
  ipv4: [{ subnet: `10.1.${i}.1/24` }],
  ipv6: [],
  ...extra,
});
const rules = (p: FirewallPlan): NetworkRules => buildNetworkRules(p)!;
const apply = (p: FirewallPlan): FirewallOp => ({ kind: 'apply', rules: rules(p) });
const remove = (network: string): FirewallOp => ({ kind: 'remove', network });

/** Plans every op, in as many transactions as planOps asks for. */
function planAll(
  state: FirewallState,
  ops: readonly FirewallOp[],
): { state: FirewallState; counts: number[] } {
  const counts: number[] = [];
  for (let rest = ops; rest.length > 0;) {
    const { next, count } = planOps(state, rest);
    counts.push(count);
    state = next;
    rest = rest.slice(count);
  }
  return { state, counts };
}

describe('planOps', () => {
  it('creates the table with the first network, and deletes it with the last', () => {
    const one = planOps(EMPTY_STATE, [apply(plan('a', 1))]);
    expect(one.lines[0]).toMatch(/^create table inet vnm /);
    expect(one.lines).toContain('add element inet vnm forward_jumps { "virbr1" : jump fwd_a }');
    expect(one.next.table).toBe(true);
    const gone = planOps(one.next, [remove('a')]);
    expect(gone.lines).toEqual(['delete table inet vnm']);
    expect(gone.next).toEqual(EMPTY_STATE);
  });

  it("removes exactly one network's elements and chains while others remain", () => {
    const one = planOps(EMPTY_STATE, [apply(plan('a', 1)), apply(plan('b', 2))]);
    expect(one.count).toBe(1);
    const two = planOps(one.next, [apply(plan('b', 2))]).next;
    expect(planOps(two, [remove('a')]).lines).toEqual([
      'delete element inet vnm bridges { "virbr1" }',
      'delete element inet vnm forward_jumps { "virbr1" }',
      'delete element inet vnm nat4_jumps { 10.1.1.0/24 }',
      'flush chain inet vnm fwd_a',
      'delete chain inet vnm fwd_a',
      'flush chain inet vnm nat_a',
      'delete chain inet vnm nat_a',
    ]);
    expect([...planOps(two, [remove('a')]).next.networks.keys()]).toEqual(['_b']);
  });

  it('replaces the rules of a network that has some, without creating the table again', () => {
    const one = planOps(EMPTY_STATE, [apply(plan('a', 1))]).next;
    const again = planOps(one, [apply(plan('a', 1, { mode: 'isolated' }))]);
    expect(again.lines.some((l) => l.startsWith('create table'))).toBe(false);
    expect(again.lines.indexOf('delete chain inet vnm nat_a')).toBeLessThan(
      again.lines.indexOf('add chain inet vnm fwd_a'),
    );
    expect(again.next.networks.get('_a')?.chains).toEqual(['fwd_a']);
  });

  it('does nothing to remove a network without rules, and removes tables of old versions', () => {
    expect(planOps(EMPTY_STATE, [remove('a')]).lines).toEqual([]);
    const old = { ...EMPTY_STATE, legacy: new Set(['vnm_a']) };
    expect(planOps(old, [remove('a')])).toEqual({
      lines: ['delete table inet vnm_a'],
      next: EMPTY_STATE,
      count: 1,
    });
  });

  it('plans a batch as the same changes one after another, in as few transactions as it may', () => {
    const ops = [apply(plan('a', 1)), apply(plan('b', 2)), remove('a'), apply(plan('c', 3)), remove('b')];
    let state = EMPTY_STATE;
    for (const op of ops) state = planOps(state, [op]).next;
    const counts: number[] = [];
    let batched = EMPTY_STATE;
    for (let rest = ops; rest.length > 0;) {
      const { next, count } = planOps(batched, rest);
      counts.push(count);
      batched = next;
      rest = rest.slice(count);
    }
    expect(counts).toEqual([1, 4]);
    expect(stateText(batched)).toBe(stateText(state));
  });

  it('puts no other network in the transaction that creates the table', () => {
    const two = planOps(EMPTY_STATE, [remove('x'), apply(plan('a', 1)), apply(plan('b', 2))]);
    expect(two.count).toBe(2);
    const one = planOps(two.next, [remove('a'), remove('b'), apply(plan('c', 3)), apply(plan('d', 4))]);
    // b is unknown (not yet applied): a's removal deletes the table, c creates it again.
    expect(one.lines.filter((l) => /^(create|delete) table/.test(l))).toEqual([
      'delete table inet vnm',
      expect.stringMatching(/^create table inet vnm /),
    ]);
    expect(one.count).toBe(3);
  });
});

/** What `nft -j list table inet vnm` prints after networks a (with IPv6) and b were added. */
const LISTING: NftJson = {
  nftables: [
    { table: { family: 'inet', name: 'vnm' } },
    { set: { name: 'bridges', elem: ['virbr1', 'virbr2'] } },
    { set: { name: 'bridges6', elem: ['virbr1'] } },
    {
      map: {
        name: 'forward_jumps',
        elem: [
          ['virbr1', { jump: { target: 'fwd_a' } }],
          ['virbr2', { jump: { target: 'fwd_b' } }],
        ],
      },
    },
    {
      map: {
        name: 'nat4_jumps',
        elem: [
          [{ prefix: { addr: '10.1.1.0', len: 24 } }, { jump: { target: 'nat_a' } }],
          [{ prefix: { addr: '10.1.2.0', len: 24 } }, { jump: { target: 'nat_b' } }],
        ],
      },
    },
    {
      map: {
        name: 'nat6_jumps',
        elem: [[{ prefix: { addr: 'fd00:1::', len: 64 } }, { jump: { target: 'nat_a' } }]],
      },
    },
    ...['input', 'forward', 'fwd_a', 'nat_a', 'fwd_b', 'nat_b'].map((name) => ({ chain: { name } })),
  ],
};
const TABLES: NftJson = {
  nftables: [
    { table: { family: 'inet', name: 'vnm' } },
    { table: { family: 'inet', name: 'vnm_old' } },
    { table: { family: 'inet', name: 'theirs' } },
    { table: { family: 'ip', name: 'vnm_ip' } },
  ],
};

describe('parseState', () => {
  it('finds what each network owns, matching what planOps expects it to own', () => {
    const state = parseState(TABLES, LISTING);
    expect(state.legacy).toEqual(new Set(['vnm_old']));
    const planned = planAll(EMPTY_STATE, [
      apply(plan('a', 1, { ipv6: [{ subnet: 'fd00:1::1/64' }], nat: { ipv6: true } })),
      apply(plan('b', 2)),
    ]).state;
    expect(stateText(state)).toBe(stateText({ ...planned, legacy: state.legacy }));
  });

  it('sees no table when the listing of tables has none', () => {
    expect(parseState({ nftables: [{ table: { family: 'inet', name: 'theirs' } }] }, null)).toEqual(
      EMPTY_STATE,
    );
    expect(parseState(null, null)).toEqual(EMPTY_STATE);
  });
});
