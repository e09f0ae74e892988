/**
 * Issue 20 item 9: `vnm net-define` of a file over vnmd's 2 MiB request limit used to hang
 * forever (vnmd answers an over-long line with `id: null`, and the client waited for its own
 * id). It must exit non-zero at once with a message that says the file is too large and
 * what the limit is; vnmd keeps serving and nothing is stored.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetns, destroyAllNetns, type TestNetns } from '../helpers/netns';
import { capture } from '../helpers/proc';
import { cliBundle, removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

let ns: TestNetns;
let vnmd: Vnmd;

beforeAll(async () => {
  ns = await createNetns('size');
  vnmd = await startVnmd(ns);
});

afterAll(async () => {
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
});

/** A well-formed network whose comment makes the file `bytes` long. */
function bigNetworkXml(bytes: number): string {
  const head = "<network><name>big</name><ip address='10.62.0.1' prefix='24'/><!-- ";
  const tail = ' --></network>\n';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

describe('an over-large network XML file', () => {
  it.each([
    ['3 MiB (over the 2 MiB request limit)', 3 * 1024 * 1024],
    ['1.5 MiB (over the 1 MiB XML limit)', 1.5 * 1024 * 1024],
  ])('net-define of %s exits 1 with a clear message', async (_what, bytes) => {
    const file = join(vnmd.dirs.base, 'big.xml');
    writeFileSync(file, bigNetworkXml(bytes));
    const started = performance.now();
    // The timeout only guards against the old hang: without it the test would wait forever.
    const cli = ['netns', 'exec', ns.name, 'node', await cliBundle(), '-c', `unix:${vnmd.dirs.socket}`];
    const r = await capture('ip', [...cli, 'net-define', file], { timeoutMs: 20_000 });
    const ms = performance.now() - started;
    console.log(`net-define of ${bytes} bytes: exit ${r.code ?? r.signal} after ${ms.toFixed(0)} ms`);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('\n'); // virsh's closing blank line, printed after a failure too
    expect(r.stderr).toMatch(/^error: Failed to define network from .*big\.xml\n/);
    expect(r.stderr).toMatch(/too large/);
    expect(r.stderr).toMatch(/\d+(\.\d+)? MiB/);
    const stored = existsSync(vnmd.dirs.configDir) ? readdirSync(vnmd.dirs.configDir) : [];
    expect(stored.filter((f) => f.endsWith('.xml'))).toEqual([]);
    const list = await vnmd.cli(['net-list', '--all']);
    expect(list.code).toBe(0);
  });

  it('the RPC client refuses a 3 MiB request at once, and its connection keeps serving', async () => {
    const client = await vnmd.client();
    try {
      const started = performance.now();
      const xml = bigNetworkXml(3 * 1024 * 1024);
      await expect(client.call('network.define', { xml })).rejects.toMatchObject({
        kind: 'invalid-argument',
        message: expect.stringMatching(/too large.*at most 2 MiB/) as unknown,
      });
      console.log(`client refusal of a 3 MiB request: ${(performance.now() - started).toFixed(1)} ms`);
      await expect(client.call('network.list', { filter: 'all' })).resolves.toEqual([]);
    } finally {
      client.close();
    }
  });
});
