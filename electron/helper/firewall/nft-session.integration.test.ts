/**
 * vnmd's long-lived nft for real, in a namespace this test makes: one transaction per call,
 * all or nothing, nft's own reason on failure, and a fresh nft after the old one exits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetns, destroyAllNetns, type TestNetns } from '../../../test/helpers/netns';
import { startRunner, type NsRunner } from '../../../test/helpers/runner';

const MODULE = 'test/helpers/ns-firewall.ts';
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('nftTransaction (network namespace, root)', () => {
  let ns: TestNetns;
  let runner: NsRunner;
  const tables = async () => (await ns.exec('nft', ['list', 'tables'])).stdout;
  const tx = (...statements: string[]) => runner.call(MODULE, 'nftTransaction', statements);

  beforeAll(async () => {
    ns = await createNetns('nfts');
    runner = await startRunner(ns);
  });

  afterAll(async () => {
    runner?.close();
    await destroyAllNetns();
  });

  it('applies statements as one transaction, call after call', async () => {
    await tx(
      'add table inet t1',
      'add chain inet t1 c { type filter hook input priority 0; policy accept; }',
    );
    await tx('add rule inet t1 c tcp dport 22 counter accept');
    expect((await ns.exec('nft', ['list', 'chain', 'inet', 't1', 'c'])).stdout).toContain('tcp dport 22');
  });

  it("applies nothing of a transaction nft refuses, and says nft's reason", async () => {
    await expect(
      tx('add table inet t2', 'add chain inet t2 c', 'add rule inet t2 nochain accept'),
    ).rejects.toThrow(/^nft failed: Error: Could not process rule: No such file or directory/);
    await expect(tx('add table inet t3', 'add rule inet t3 c bogus')).rejects.toThrow(/syntax error/);
    expect(await tables()).not.toMatch(/t2|t3/);
  });

  it('starts a new nft when the old one exits', async () => {
    await expect(tx('quit')).rejects.toThrow(/nft exited/);
    await tx('delete table inet t1');
    expect(await tables()).toBe('');
  });

  it('refuses a statement with a line break, which would split the transaction', async () => {
    await expect(tx('add table inet t4\nadd table inet t5')).rejects.toMatchObject({ kind: 'internal' });
    expect(await tables()).toBe('');
  });
});
