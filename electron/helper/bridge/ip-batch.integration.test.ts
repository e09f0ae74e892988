/**
 * vnmd's long-lived ip for real, in a namespace this test makes: outcomes per command, a
 * stop at the first failure, and a fresh ip after the old one exits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from '../../../test/helpers/proc';
import { createNetns, destroyAllNetns, type TestNetns } from '../../../test/helpers/netns';
import { startRunner, type NsRunner } from '../../../test/helpers/runner';

// The runner's one IpBatch, as a driver holds it (DriverContext.ip).
const MODULE = 'test/helpers/ns-links.ts';
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('ipBatch (network namespace, root)', () => {
  let ns: TestNetns;
  let runner: NsRunner;
  const links = async () => (await ns.exec('ip', ['-o', 'link', 'show'])).stdout;
  const batch = (...commands: string[][]) => runner.call(MODULE, 'ipBatch', commands);

  beforeAll(async () => {
    ns = await createNetns('ipb');
    runner = await startRunner(ns);
  });

  afterAll(async () => {
    runner?.close();
    await destroyAllNetns();
  });

  it('runs commands in order in one ip that stays', async () => {
    await batch(['link', 'add', 'name', 'vb0', 'type', 'bridge'], ['link', 'set', 'dev', 'vb0', 'up']);
    await batch(['addr', 'add', '10.8.0.1/24', 'dev', 'vb0']);
    expect(await links()).toMatch(/vb0: <.*UP/);
    expect((await ns.exec('ip', ['-o', 'addr', 'show', 'dev', 'vb0'])).stdout).toContain('10.8.0.1/24');
    const pids = (await capture('ip', ['netns', 'pids', ns.name])).stdout.split(/\s+/).filter(Boolean);
    const cmdlines = pids.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    expect(cmdlines.filter((c) => c.startsWith('ip -force -batch -'))).toHaveLength(1);
  });

  it("stops at the first failure, with ip's own reason, and runs nothing after it", async () => {
    await expect(
      batch(
        ['link', 'add', 'name', 'vb0', 'type', 'bridge'],
        ['link', 'add', 'name', 'vb1', 'type', 'bridge'],
      ),
    ).rejects.toThrow(/^ip link add name vb0 type bridge failed: .*File exists/);
    expect(await links()).not.toContain('vb1');
    await batch(['link', 'del', 'dev', 'vb0']);
    expect(await links()).not.toContain('vb0');
  });

  it('starts a new ip when the old one exits on a bad argument', async () => {
    await batch(['link', 'add', 'name', 'vb2', 'type', 'bridge']);
    await expect(batch(['link', 'set', 'dev', 'vb2', 'mtu', 'many'])).rejects.toThrow(/mtu/);
    await batch(['link', 'del', 'dev', 'vb2']);
    expect(await links()).not.toContain('vb2');
  });

  it('refuses a word that would not stay one argument', async () => {
    await expect(batch(['link', 'add', 'name', 'vb 3', 'type', 'bridge'])).rejects.toMatchObject({
      kind: 'internal',
    });
    expect(await links()).not.toContain('vb');
  });
});
