import { describe, expect, it } from 'vitest';
import { buildNetworkRules } from './rules';
import type { NetworkRules } from './rules';
import type { NftJson } from './state';
import { checkTable } from './verify';

const rules = buildNetworkRules({
  network: 'kpa',
  bridge: 'kpbr0',
  mode: 'nat',
  ipv4: [{ subnet: '10.81.0.1/24' }],
  ipv6: [],
}) as NetworkRules;

type Entry = Record<string, Record<string, unknown>>;

/** A listing as `nft -j list table inet vnm` gives it with `kpa` installed. */
function listing(): Entry[] {
  const rule = (chain: string) => ({ rule: { family: 'inet', table: 'vnm', chain } });
  return [
    { table: { family: 'inet', name: 'vnm' } },
    { set: { name: 'bridges', elem: ['kpbr0'] } },
    { set: { name: 'bridges6' } },
    { set: { name: 'tftp_bridges' } },
    { map: { name: 'forward_jumps', elem: [['kpbr0', { jump: { target: 'fwd_kpa' } }]] } },
    {
      map: {
        name: 'nat4_jumps',
        elem: [[{ prefix: { addr: '10.81.0.0', len: 24 } }, { jump: { target: 'nat_kpa' } }]],
      },
    },
    { map: { name: 'nat6_jumps' } },
    { map: { name: 'dnat4_jumps' } },
    { map: { name: 'dnat6_jumps' } },
    ...['fwd_kpa', 'nat_kpa', 'input', 'output', 'forward', 'postrouting', 'prerouting', 'output_nat'].map(
      (name) => ({ chain: { name } }),
    ),
    ...Array.from({ length: 6 }, () => rule('fwd_kpa')),
    ...Array.from({ length: 6 }, () => rule('nat_kpa')),
    ...['input', 'output', 'forward', 'postrouting', 'prerouting', 'output_nat'].flatMap((c) => [
      rule(c),
      rule(c),
    ]),
    // The input chain's third rule: TFTP from the bridges of networks with <tftp>.
    rule('input'),
  ];
}

const json = (entries: Entry[]): NftJson => ({ nftables: entries });

describe('checkTable', () => {
  it('finds nothing missing in a complete table', () => {
    expect(checkTable(json(listing()), [rules])).toEqual({ base: [], networks: new Map() });
  });

  it('asks for a rebuild when the table or a base chain is gone', () => {
    expect(checkTable(null, [rules]).base).toEqual(['table inet vnm is missing']);
    expect(checkTable(null, []).base).toEqual([]);
    const noForward = listing().filter((e) => e.chain?.name !== 'forward' && e.rule?.chain !== 'forward');
    expect(checkTable(json(noForward), [rules]).base).toEqual(['chain forward is missing']);
    const noSet = listing().filter((e) => e.map?.name !== 'nat6_jumps');
    expect(checkTable(json(noSet), [rules]).base).toEqual(['set nat6_jumps is missing']);
  });

  it("names a network's missing chain, rule and map element", () => {
    const entries = listing();
    const oneRuleLess = entries.filter((e, i) => i !== entries.findIndex((x) => x.rule?.chain === 'fwd_kpa'));
    expect(checkTable(json(oneRuleLess), [rules]).networks.get('kpa')).toEqual([
      'chain fwd_kpa has 5 rules instead of 6',
    ]);
    const noNat = entries.filter(
      (e) => e.chain?.name !== 'nat_kpa' && e.rule?.chain !== 'nat_kpa' && e.map?.name !== 'nat4_jumps',
    );
    noNat.push({ map: { name: 'nat4_jumps' } });
    expect(checkTable(json(noNat), [rules]).networks.get('kpa')).toEqual([
      'chain nat_kpa is missing',
      'element 10.81.0.0/24 of nat4_jumps is missing',
    ]);
  });
});
