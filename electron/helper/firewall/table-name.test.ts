import { describe, expect, it } from 'vitest';
import {
  firewallTableName,
  isVnmTableName,
  keyOfChain,
  networkChains,
  networkKey,
  networkOfKey,
  networkOfTable,
} from './table-name';

describe('firewallTableName', () => {
  it('keeps letters and digits and encodes every other byte', () => {
    expect(firewallTableName('default')).toBe('vnm_default');
    expect(firewallTableName('my-net_1')).toBe('vnm_my_2dnet_5f1');
    expect(firewallTableName('é')).toBe('vnm__c3_a9');
  });

  it('is one-to-one: names that differ get tables that differ, and decode back', () => {
    const names = ['a-b', 'a_b', 'a_2db', 'a b', 'A-B', 'ünï "x"', 'vnm_x', '_', '__'];
    const tables = names.map(firewallTableName);
    expect(new Set(tables).size).toBe(names.length);
    for (const [i, t] of tables.entries()) {
      expect(isVnmTableName(t)).toBe(true);
      expect(networkOfTable(t)).toBe(names[i]);
    }
  });

  it('hashes long names into a bounded, distinct form', () => {
    const a = firewallTableName('x'.repeat(300));
    const b = firewallTableName(`${'x'.repeat(299)}y`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(61);
    expect(a).toMatch(/^vnm-x{40}-[0-9a-f]{16}$/);
    expect(isVnmTableName(a)).toBe(true);
    expect(networkOfTable(a)).toBeNull();
  });

  it('does not claim tables vnm did not make', () => {
    for (const t of ['filter', 'nat', 'libvirt_network', 'vnm', 'vnm_', 'vnmx', 'vnm-abc', 'vnm_a-b']) {
      expect(isVnmTableName(t)).toBe(false);
    }
  });
});

describe('network chains', () => {
  it('names the chains of a network after its key, and finds the key again', () => {
    expect(networkChains('default')).toEqual({ forward: 'fwd_default', nat: 'nat_default' });
    for (const name of ['default', 'a-b', 'ünï "x"', 'x'.repeat(300)]) {
      const { forward, nat } = networkChains(name);
      expect(keyOfChain(forward)).toBe(networkKey(name));
      expect(keyOfChain(nat)).toBe(networkKey(name));
    }
    expect(networkOfKey(networkKey('a-b'))).toBe('a-b');
    expect(networkOfKey(networkKey('x'.repeat(300)))).toBeNull();
  });

  it('does not claim chains vnm did not make for a network', () => {
    for (const c of ['forward', 'input', 'postrouting', 'fwd', 'fwd_', 'nat-x', 'fwdx', 'nat_a-b']) {
      expect(keyOfChain(c)).toBeNull();
    }
  });
});
