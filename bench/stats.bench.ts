/**
 * npm run bench:stats [-- --seconds 30 | --minutes 10] [--networks 100] [--ports 2] [--interval 1]
 *
 * Builds, inside namespaces it creates (and always removes), N bridges with P veth ports each
 * (the guests' ends in a second namespace), then runs the StatsSampler inside the bridges'
 * namespace, as vnmd runs, and prints: the cost of reading counters through sysfs vs one
 * /proc/net/dev read, the sampler's CPU time per wall second (process.cpuUsage), and RSS at
 * start and end (each minute too on long runs). Figures only, no assertions.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawn } from 'node:child_process';
import type { StatsNetwork } from '../electron/helper/stats/inputs';
import { StatsSampler } from '../electron/helper/stats/sampler';
import { CounterTable, ProcNetDevReader } from '../electron/helper/stats/counters';
import { Netns, destroyAll, nsPrefix } from '../test/integration/stats-netns';

interface Flags {
  seconds: number;
  networks: number;
  ports: number;
  interval: number;
  inside: string | null;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { seconds: 30, networks: 100, ports: 2, interval: 1, inside: null };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    const n = Number(value);
    if (key === '--inside') flags.inside = value ?? null;
    else if (key === '--seconds') flags.seconds = n;
    else if (key === '--minutes') flags.seconds = n * 60;
    else if (key === '--networks') flags.networks = n;
    else if (key === '--ports') flags.ports = n;
    else if (key === '--interval') flags.interval = n;
    else continue;
    i++;
  }
  for (const [k, v] of Object.entries(flags)) {
    if (typeof v === 'number' && !(v > 0)) throw new Error(`--${k} must be a positive number; got ${v}`);
  }
  return flags;
}

interface InsideConfig {
  networks: { name: string; bridge: string; leases: { mac: string; ip: string; hostname: string }[] }[];
}

/** Outside: build the namespaces, run the measuring half inside, clean up whatever happens. */
async function outside(flags: Flags): Promise<void> {
  const prefix = nsPrefix('sb');
  let host: Netns | undefined;
  let guests: Netns | undefined;
  const configPath = join(tmpdir(), `${prefix}.json`);
  const bundlePath = join(tmpdir(), `${prefix}-bench.mjs`);
  // Ctrl-C skips `finally`: delete our namespaces (and the links in them) before leaving.
  process.once('SIGINT', () => {
    for (const ns of [`${prefix}-h`, `${prefix}-g`]) {
      try {
        execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      } catch {
        /* not created yet */
      }
    }
    process.exit(130);
  });
  try {
    host = await Netns.create(`${prefix}-h`);
    guests = await Netns.create(`${prefix}-g`);
    const t0 = performance.now();
    const config = await buildNetworks(host, guests, flags);
    console.log(
      `built ${flags.networks} bridges × ${flags.ports} ports in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    writeFileSync(configPath, JSON.stringify(config));
    await bundleSelf(bundlePath);
    await runInside(host, bundlePath, configPath, flags);
  } finally {
    await destroyAll([host, guests]);
    rmSync(configPath, { force: true });
    rmSync(bundlePath, { force: true });
  }
}

async function buildNetworks(host: Netns, guests: Netns, flags: Flags): Promise<InsideConfig> {
  const h: string[] = [];
  const g: string[] = [];
  for (let i = 0; i < flags.networks; i++) {
    h.push(`link add br${i} type bridge`, `link set br${i} up`);
    for (let p = 0; p < flags.ports; p++) {
      h.push(`link add vp${i}-${p} type veth peer name vg${i}-${p} netns ${guests.name}`);
      h.push(`link set vp${i}-${p} master br${i}`, `link set vp${i}-${p} up`);
      g.push(`link set vg${i}-${p} up`);
    }
  }
  await host.ipBatch(h);
  await guests.ipBatch(g);
  const links = JSON.parse(await guests.ip(['-j', 'link'])) as { ifname: string; address: string }[];
  const macOf = new Map(links.map((l) => [l.ifname, l.address]));
  const networks = Array.from({ length: flags.networks }, (_, i) => ({
    name: `net${i}`,
    bridge: `br${i}`,
    leases: Array.from({ length: flags.ports }, (_, p) => ({
      mac: macOf.get(`vg${i}-${p}`) ?? '00:00:00:00:00:00',
      ip: `10.${i >> 8}.${i & 255}.${p + 10}`,
      hostname: `guest${i}-${p}`,
    })),
  }));
  return { networks };
}

/**
 * vnmd runs as one bundled file under plain node (scripts/build.mjs), so the measuring half
 * runs that way too: under tsx an idle process alone costs several ms of CPU per second.
 */
async function bundleSelf(outFile: string): Promise<void> {
  const { build } = await import('rolldown');
  await build({
    input: fileURLToPath(import.meta.url),
    platform: 'node',
    external: [/^node:/, 'rolldown'],
    logLevel: 'warn',
    output: { file: outFile, format: 'esm' },
  });
}

function runInside(host: Netns, bundle: string, configPath: string, flags: Flags): Promise<void> {
  const args = [bundle, '--inside', configPath];
  args.push('--seconds', String(flags.seconds), '--interval', String(flags.interval));
  const child = spawn('ip', ['netns', 'exec', host.name, process.execPath, ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the measuring process exited ${code}`)),
    );
  });
}

/** Inside the bridges' namespace: compare the two ways to read counters, then run the sampler. */
async function inside(configPath: string, flags: Flags): Promise<void> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as InsideConfig;
  compareReaders();
  const idle = await idleCost(Math.min(10, flags.seconds));
  console.log(`this process idle, before sampling: ${idle.toFixed(2)} ms CPU per wall second (for scale)`);
  const networks: StatsNetwork[] = config.networks.map((n) => {
    const leases = n.leases; // the same array each call, as the driver is asked to do
    return { name: n.name, bridge: n.bridge, leases: () => leases };
  });
  let samples = 0;
  let named = 0;
  const sampler = new MeasuredSampler({
    listNetworks: () => networks,
    onSample: (batch) => {
      samples += batch.length;
      for (const s of batch) for (const p of s.ports) if (p.hostname !== null) named++;
    },
    intervalSec: flags.interval,
  });
  sampler.start();
  // Warm-up: history rings allocated, first FDB reads, and the JIT done compiling the tick
  // (vnmd runs for hours: its steady state is what counts).
  await sleep(WARM_UP_SEC * 1000);
  const ticks0 = { n: sampler.ticks, us: sampler.tickCpuUs };
  await measure(flags, () => {
    const n = sampler.ticks - ticks0.n;
    const perTick = (sampler.tickCpuUs - ticks0.us) / 1000 / Math.max(1, n);
    return `${n} ticks, ${perTick.toFixed(2)} ms CPU inside each tick on average; ${samples} samples, ${named} port rows named from leases`;
  });
  const hist = sampler.history(networks[0]!.name, 600);
  console.log(`history of ${networks[0]!.name}: ${hist.length} samples served`);
  sampler.stop();
}

/** Also counts the CPU spent inside ticks, to tell it from the process's background work (GC, JIT). */
class MeasuredSampler extends StatsSampler {
  ticks = 0;
  tickCpuUs = 0;

  override sampleOnce(): ReturnType<StatsSampler['sampleOnce']> {
    const c0 = process.cpuUsage();
    const out = super.sampleOnce();
    const c = process.cpuUsage(c0);
    this.ticks++;
    this.tickCpuUs += c.user + c.system;
    return out;
  }
}

async function idleCost(seconds: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / (performance.now() - wall0);
}

async function measure(flags: Flags, summary: () => string): Promise<void> {
  const rssStart = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  console.log(
    `sampling ${flags.seconds} s at ${flags.interval} s after ${WARM_UP_SEC} s of warm-up; ${load()}`,
  );
  for (let left = flags.seconds; left > 0; left -= 60) {
    await sleep(Math.min(60, left) * 1000);
    if (flags.seconds > 60) console.log(`  t=${elapsed(wall0)} s RSS ${mb(process.memoryUsage().rss)}`);
  }
  const cpu = process.cpuUsage(cpu0);
  const wallSec = (performance.now() - wall0) / 1000;
  const cpuMsPerSec = (cpu.user + cpu.system) / 1000 / wallSec;
  console.log(
    `CPU: ${cpuMsPerSec.toFixed(2)} ms per wall second = ${(cpuMsPerSec / 10).toFixed(3)}% of one core`,
  );
  console.log(
    `  (user ${(cpu.user / 1000 / wallSec).toFixed(2)} ms/s, system ${(cpu.system / 1000 / wallSec).toFixed(2)} ms/s)`,
  );
  console.log(`  ${load()} (other processes on this machine inflate CPU time through cache contention)`);
  const heap = process.memoryUsage().heapUsed;
  console.log(`RSS at start ${mb(rssStart)}, at end ${mb(process.memoryUsage().rss)}; heap used ${mb(heap)}`);
  console.log(summary());
}

/** The choice made in counters.ts, measured here: all interfaces' 8 sysfs files vs /proc/net/dev. */
function compareReaders(): void {
  const names = readdirSync('/sys/class/net');
  const files = ['rx_bytes', 'tx_bytes', 'rx_packets', 'tx_packets', 'rx_errors', 'tx_errors'];
  files.push('rx_dropped', 'tx_dropped');
  const buf = Buffer.alloc(64);
  const viaSys = timeIt(() => {
    for (const n of names)
      for (const f of files) {
        const fd = openSync(`/sys/class/net/${n}/statistics/${f}`, 'r');
        readSync(fd, buf, 0, 64, 0);
        closeSync(fd);
      }
  });
  const reader = new ProcNetDevReader();
  const table = new CounterTable();
  const viaProc = timeIt(() => reader.read(table), 500);
  console.log(
    `reading ${names.length} interfaces' counters: sysfs (8 files each) ${viaSys.toFixed(2)} ms CPU, ` +
      `/proc/net/dev (one read, parsed) ${viaProc.toFixed(3)} ms CPU (back to back, warm)`,
  );
}

function timeIt(fn: () => void, rounds = 20): number {
  fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / rounds;
}

const WARM_UP_SEC = 20;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const load = () => `load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs`;
const elapsed = (t0: number) => ((performance.now() - t0) / 1000).toFixed(0);

const flags = parseFlags(process.argv.slice(2));
if (flags.inside !== null) await inside(flags.inside, flags);
else await outside(flags);
