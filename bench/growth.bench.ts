/**
 * The CLI's own cost, destroy against the kernel, and growth (issue 17). Every figure is
 * printed beside a floor measured in the same run, since absolute times on a shared machine
 * are noise:
 *  - CLI: `vnm net-list` as one process beside `node -e 0`; `vnm net-start` and
 *    `vnm net-destroy` beside the same call over an open connection (vnmd's own time);
 *  - destroy over one connection beside the kernel's own deletion of an up bridge with an
 *    address (`ip -n NS link del`, one process, as vnmd's destroy runs its own);
 *  - growth: with 10, 100, 500 and 1,000 defined NAT networks (all of the first 100 running,
 *    then 500): define, start, destroy and undefine of one more network, vnmd's CPU while
 *    idle with stats sampled every second, vnmd's RSS and the size of the nft ruleset, and
 *    the CPU those four operations took: vnmd's own and the running networks' dnsmasqs'.
 * Everything runs in a network namespace made here and removed at the end (also on failure).
 * Prints figures; asserts nothing.
 *   tsx bench/growth.bench.ts [--max N] [--runs N] [--idle SECONDS]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { VnmClient } from '../electron/client/client';
import { inotifyLimit } from '../electron/helper/dnsmasq/launch-hint';
import { createNetns, destroyAllNetns, type TestNetns } from '../test/helpers/netns';
import { capture, mustRun } from '../test/helpers/proc';
import { removeDirs, startVnmd, type Vnmd } from '../test/helpers/vnmd';
import { beside, cpuByProgram, cpuSeconds, median, rssMiB, stats, timed } from './figures';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MAX = option('max', 1000);
const RUNS = option('runs', 7);
const IDLE_SECONDS = option('idle', 10);
const SETTLE_SECONDS = 5;
/** Defined networks, and how many of them run, at each step (running ones come first). */
const STEPS: readonly (readonly [number, number])[] = (
  [
    [10, 10],
    [100, 100],
    [500, 100],
    [1000, 100],
    [1000, 500],
  ] as const
).filter(([defined]) => defined <= MAX);
/** Requests in flight while filling: vnmd serialises only what touches the same network. */
const FILL_CONCURRENCY = 8;

/** NAT with DHCP, as a user's network is; i picks a /24 of its own in 10.100.0.0/14. */
const natXml = (name: string, i: number) => {
  const net = `10.${100 + (i >> 8)}.${i & 255}`;
  return (
    `<network><name>${name}</name><forward mode='nat'/><ip address='${net}.1' prefix='24'>` +
    `<dhcp><range start='${net}.10' end='${net}.200'/></dhcp></ip></network>`
  );
};
/** The CLI as users run it (bin/vnm.js loads out/cli: npm run build first). */
const VNM = join(import.meta.dirname, '../bin/vnm.js');
const PROBE = 'probe';
const PROBE_INDEX = 1023;
const fillName = (i: number) => `g${String(i).padStart(4, '0')}`;

async function inBatches(from: number, to: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = from; i < to; i += FILL_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(FILL_CONCURRENCY, to - i) }, (_, k) => fn(i + k));
    await Promise.all(batch);
  }
}

async function cli(vnmd: Vnmd, args: readonly string[]): Promise<void> {
  const r = await capture('node', [VNM, '-c', `unix:${vnmd.dirs.socket}`, ...args]);
  if (r.code !== 0) throw new Error(`vnm ${args.join(' ')} failed: ${r.stderr}`);
}

async function cliFigures(vnmd: Vnmd, c: VnmClient): Promise<void> {
  console.log('\n-- the CLI, one process per call');
  const node: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < RUNS * 2; i++) {
    node.push(await timed(() => mustRun('node', ['-e', '0'])));
    list.push(await timed(() => cli(vnmd, ['net-list', '--all'])));
  }
  beside('vnm net-list', list, 'node -e 0', node);
  const file = join(vnmd.dirs.base, 'probe.xml');
  writeFileSync(file, natXml(PROBE, PROBE_INDEX));
  await c.call('network.define', { xml: natXml(PROBE, PROBE_INDEX) });
  const start = { cli: [] as number[], rpc: [] as number[] };
  const destroy = { cli: [] as number[], rpc: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    start.rpc.push(await timed(() => c.call('network.start', { network: PROBE })));
    destroy.rpc.push(await timed(() => c.call('network.destroy', { network: PROBE })));
    start.cli.push(await timed(() => cli(vnmd, ['net-start', PROBE])));
    destroy.cli.push(await timed(() => cli(vnmd, ['net-destroy', PROBE])));
  }
  await c.call('network.undefine', { network: PROBE });
  const nodeMs = median(node);
  const plusNode = (ms: number[]) => ms.map((m) => m + nodeMs);
  beside('vnm net-start', start.cli, "vnmd's start + node -e 0", plusNode(start.rpc));
  beside('vnm net-destroy', destroy.cli, "vnmd's destroy + node -e 0", plusNode(destroy.rpc));
}

/** The kernel's own cost of deleting an up bridge with an address: what destroy cannot beat. */
async function destroyFigures(ns: TestNetns, c: VnmClient): Promise<void> {
  console.log('\n-- destroy against the kernel');
  const kernel: number[] = [];
  const vnmd: number[] = [];
  await c.call('network.define', { xml: natXml(PROBE, PROBE_INDEX) });
  for (let i = 0; i < RUNS; i++) {
    await mustRun('ip', ['-n', ns.name, 'link', 'add', 'floor0', 'type', 'bridge']);
    await mustRun('ip', ['-n', ns.name, 'addr', 'add', '10.99.0.1/24', 'dev', 'floor0']);
    await mustRun('ip', ['-n', ns.name, 'link', 'set', 'floor0', 'up']);
    kernel.push(await timed(() => mustRun('ip', ['-n', ns.name, 'link', 'del', 'floor0'])));
    await c.call('network.start', { network: PROBE });
    vnmd.push(await timed(() => c.call('network.destroy', { network: PROBE })));
  }
  await c.call('network.undefine', { network: PROBE });
  beside('destroy of a NAT network (one connection)', vnmd, 'ip link del of an up bridge', kernel);
}

async function nftLines(ns: TestNetns): Promise<number> {
  const { stdout } = await ns.exec('nft', ['list', 'ruleset']);
  return stdout.split('\n').length;
}

async function probeOps(
  c: VnmClient,
): Promise<Record<'define' | 'start' | 'destroy' | 'undefine', number[]>> {
  const t = {
    define: [] as number[],
    start: [] as number[],
    destroy: [] as number[],
    undefine: [] as number[],
  };
  for (let i = 0; i < RUNS; i++) {
    t.define.push(await timed(() => c.call('network.define', { xml: natXml(PROBE, PROBE_INDEX) })));
    t.start.push(await timed(() => c.call('network.start', { network: PROBE })));
    t.destroy.push(await timed(() => c.call('network.destroy', { network: PROBE })));
    t.undefine.push(await timed(() => c.call('network.undefine', { network: PROBE })));
  }
  return t;
}

/** CPU seconds by program of every process in the namespace (vnmd, the dnsmasqs, ...). */
async function namespaceCpu(ns: TestNetns): Promise<Map<string, number>> {
  const { stdout } = await capture('ip', ['netns', 'pids', ns.name]);
  return cpuByProgram(stdout.split('\n').filter(Boolean).map(Number));
}

/**
 * Where the CPU of the probe's define+start+destroy+undefine cycles went: vnmd's own (without
 * the ip, nft and dnsmasq it ran and reaped) and the dnsmasqs of the networks already running,
 * each of which re-reads the host's interfaces when the probe's bridge gets or loses an
 * address (dnsmasq's bind-dynamic, which libvirt uses too): that share grows with the number
 * of running networks on any manager, and on a 2-CPU host it is what start waits behind.
 */
function cpuPerCycle(before: Map<string, number>, after: Map<string, number>): void {
  const per = (name: string) =>
    `${((((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / RUNS).toFixed(1)} ms`;
  console.log(`  CPU per cycle: vnmd's own ${per('node')}, the running networks' dnsmasqs ${per('dnsmasq')}`);
}

/** Instances left for other users of the same uid (tests, other dnsmasqs) and for vnmd. */
const INOTIFY_SPARE = 16;

async function growthFigures(ns: TestNetns, vnmd: Vnmd, c: VnmClient): Promise<void> {
  console.log('\n-- growth (one connection; idle CPU with stats every 1 s)');
  let defined = 0;
  let running = 0;
  const first: Record<string, number> = {};
  await c.call('stats.setInterval', { seconds: 1 });
  const limit = inotifyLimit() ?? Number.POSITIVE_INFINITY;
  for (const [wantDefined, wantRunning] of STEPS) {
    // Each running network's dnsmasq takes an inotify instance, all as user nobody: past the
    // host's limit starts fail. The limit is host-wide, so this bench does not raise it.
    if (wantRunning > limit - INOTIFY_SPARE) {
      console.log(
        `${wantDefined} defined, ${wantRunning} running: skipped; the host allows ${limit} inotify ` +
          'instances per user (fs.inotify.max_user_instances) and each running dnsmasq takes one; ' +
          'raise it to measure this step',
      );
      continue;
    }
    await inBatches(defined, wantDefined, (i) => c.call('network.define', { xml: natXml(fillName(i), i) }));
    defined = wantDefined;
    await inBatches(running, wantRunning, (i) => c.call('network.start', { network: fillName(i) }));
    running = wantRunning;
    const cpu0 = await namespaceCpu(ns);
    const ops = await probeOps(c);
    const cpu1 = await namespaceCpu(ns);
    // Let what the starts set off settle (findings re-read, dnsmasq children reaped) first.
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    const idle0 = cpuSeconds(vnmd.pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idle = ((cpuSeconds(vnmd.pid) - idle0) / ((performance.now() - t0) / 1000)) * 100;
    const label = `${defined} defined, ${running} running`;
    console.log(
      `${label}: vnmd idle CPU ${idle.toFixed(2)}% of a core, RSS ${rssMiB(vnmd.pid).toFixed(1)} MiB, ` +
        `nft ruleset ${await nftLines(ns)} lines`,
    );
    for (const [op, ms] of Object.entries(ops)) {
      first[op] ??= median(ms);
      const growth = median(ms) / first[op];
      console.log(`  ${op.padEnd(9)} ${stats(ms)}  (${growth.toFixed(2)}x the first step)`);
    }
    cpuPerCycle(cpu0, cpu1);
  }
  await c.call('stats.setInterval', { seconds: null });
  await inBatches(0, running, (i) => c.call('network.destroy', { network: fillName(i) }));
  await inBatches(0, defined, (i) => c.call('network.undefine', { network: fillName(i) }));
}

async function main(): Promise<void> {
  const ns = await createNetns('bgrow');
  let vnmd: Vnmd | null = null;
  try {
    console.log(
      `growth benchmark: ${RUNS} runs per op, up to ${MAX} networks, load average ` +
        loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
    );
    vnmd = await startVnmd(ns);
    const c = await vnmd.client();
    await cliFigures(vnmd, c);
    await destroyFigures(ns, c);
    await growthFigures(ns, vnmd, c);
    c.close();
  } finally {
    if (vnmd) {
      await vnmd.kill();
      removeDirs(vnmd.dirs);
    }
    await destroyAllNetns();
  }
}

await main();
