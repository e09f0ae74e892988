/**
 * vnmd benchmark (npm run bench:helper): lifecycle operations through one client connection
 * and through one `vnm` process per operation, 50 NAT networks up and down (one request at a
 * time, then all 50 at once), vnmd's RSS, and the CPU time vnmd and the programs it runs
 * spend per start and destroy, which unlike wall time does not depend on how busy the
 * machine is. Everything runs in a network namespace made here and removed at the end.
 * Prints figures; asserts nothing. Usage: tsx bench/helper.bench.ts [RUNS]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { VnmClient } from '../electron/client/client';
import { createNetns, destroyAllNetns } from '../test/helpers/netns';
import { capture } from '../test/helpers/proc';
import { removeDirs, startVnmd } from '../test/helpers/vnmd';
import type { Vnmd } from '../test/helpers/vnmd';
import { cpuSeconds, rssMiB as rss, stats, timed } from './figures';

const rssMiB = (pid: number) => `${rss(pid).toFixed(1)} MiB`;

const RUNS = Number(process.argv[2] ?? 15);
const BULK = 50;

const natXml = (name: string, i: number) =>
  `<network><name>${name}</name><forward mode='nat'/><ip address='10.${100 + (i >> 8)}.${i & 255}.1' prefix='24'>` +
  `<dhcp><range start='10.${100 + (i >> 8)}.${i & 255}.10' end='10.${100 + (i >> 8)}.${i & 255}.200'/></dhcp></ip></network>`;

type Op = 'define' | 'start' | 'destroy' | 'undefine';
const OPS: Op[] = ['define', 'start', 'destroy', 'undefine'];

async function viaClient(c: VnmClient, xml: string): Promise<Record<Op, number[]>> {
  const t: Record<Op, number[]> = { define: [], start: [], destroy: [], undefine: [] };
  for (let i = 0; i < RUNS; i++) {
    t.define.push(await timed(() => c.call('network.define', { xml })));
    t.start.push(await timed(() => c.call('network.start', { network: 'bench' })));
    t.destroy.push(await timed(() => c.call('network.destroy', { network: 'bench' })));
    t.undefine.push(await timed(() => c.call('network.undefine', { network: 'bench' })));
  }
  return t;
}

/** The CLI as users run it: out/cli/vnm.mjs, minified and split (npm run build makes it). */
function builtCli(): string {
  const cli = join(import.meta.dirname, '../out/cli/vnm.mjs');
  if (!existsSync(cli)) spawnSync(process.execPath, [join(import.meta.dirname, '../scripts/build.mjs')]);
  if (!existsSync(cli)) throw new Error('npm run build failed; run it to see why');
  return cli;
}

async function viaCli(vnmd: Vnmd, file: string): Promise<Record<Op, number[]>> {
  const cli = builtCli();
  const t: Record<Op, number[]> = { define: [], start: [], destroy: [], undefine: [] };
  const vnm = async (args: string[]) => {
    const r = await capture('node', [cli, '-c', `unix:${vnmd.dirs.socket}`, ...args]);
    if (r.code !== 0) throw new Error(`vnm ${args.join(' ')} failed: ${r.stderr}`);
  };
  for (let i = 0; i < RUNS; i++) {
    t.define.push(await timed(() => vnm(['net-define', file])));
    t.start.push(await timed(() => vnm(['net-start', 'bench'])));
    t.destroy.push(await timed(() => vnm(['net-destroy', 'bench'])));
    t.undefine.push(await timed(() => vnm(['net-undefine', 'bench'])));
  }
  return t;
}

/**
 * Defines and starts BULK NAT networks, then destroys them, through one connection: one
 * request after another, or every request sent at once (vnmd serialises only what touches
 * the same network).
 */
async function bulk(c: VnmClient, vnmd: Vnmd, how: string, concurrent: boolean): Promise<void> {
  const names = Array.from({ length: BULK }, (_, i) => `bulk${i}`);
  const each = async (fn: (name: string, i: number) => Promise<unknown>) => {
    if (concurrent) await Promise.all(names.map(fn));
    else for (const [i, name] of names.entries()) await fn(name, i);
  };
  const up = await timed(() =>
    each(async (name, i) => {
      await c.call('network.define', { xml: natXml(name, i + 1) });
      await c.call('network.start', { network: name });
    }),
  );
  console.log(`${BULK} networks define+start, ${how}: ${(up / 1000).toFixed(2)} s`);
  if (!concurrent) console.log(`vnmd RSS with ${BULK} running: ${rssMiB(vnmd.pid)}`);
  const down = await timed(() => each((name) => c.call('network.destroy', { network: name })));
  console.log(`${BULK} networks destroy, ${how}: ${(down / 1000).toFixed(2)} s`);
  await each((name) => c.call('network.undefine', { network: name }));
}

async function main(): Promise<void> {
  const ns = await createNetns('bench');
  const vnmd = await startVnmd(ns);
  try {
    console.log(
      `vnmd benchmark: ${RUNS} runs per op, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`vnmd RSS idle: ${rssMiB(vnmd.pid)}`);
    const c = await vnmd.client();
    const cpu0 = cpuSeconds(vnmd.pid);
    const one = await viaClient(c, natXml('bench', 0));
    const cpu = ((cpuSeconds(vnmd.pid) - cpu0) * 1000) / RUNS;
    for (const op of OPS) console.log(`one connection  ${op.padEnd(9)} ${stats(one[op])}`);
    console.log(`CPU of vnmd and its programs per define+start+destroy+undefine: ${cpu.toFixed(0)} ms`);
    const file = join(vnmd.dirs.base, 'bench.xml');
    writeFileSync(file, natXml('bench', 0));
    const cli = await viaCli(vnmd, file);
    for (const op of OPS) console.log(`one vnm per op  ${op.padEnd(9)} ${stats(cli[op])}`);
    await bulk(c, vnmd, 'one at a time', false);
    await bulk(c, vnmd, `all ${BULK} at once`, true);
    c.close();
  } finally {
    await vnmd.kill();
    removeDirs(vnmd.dirs);
    await destroyAllNetns();
  }
}

await main();
