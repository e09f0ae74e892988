/**
 * The stats sampler against real kernel counters, in namespaces this test makes:
 *
 *   g1 (guest1 10.77.0.11) ─ vp1 ┐
 *                                ├ br0 10.77.0.1   [h: the host, where the sampler runs]
 *   g2 (guest2 10.77.0.12) ─ vp2 ┘   up0 10.78.0.1 ─── wan0 10.78.0.2 (w: the wan)
 *
 * guest1 sends 20 MB to the wan (routed through h) and 5 MB to guest2, paced so the rate is
 * known; the sampler's byte counts must match the kernel's within 1% and its rates during the
 * transfers the volume over the duration within 5%; re-creating a port must not give a
 * negative or absurd rate.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsSample, type PortCounters } from '../../shared/rpc/contract';
import { Netns, destroyAll, nsPrefix } from './stats-netns';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TRAFFIC = fileURLToPath(new URL('./stats-traffic.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./stats-sampler-child.ts', import.meta.url));
const MAC1 = '52:54:00:77:00:01';
const MAC2 = '52:54:00:77:00:02';
const MB = 1_000_000;
const WAN_BYTES = 20 * MB;
const WAN_RATE = 4 * MB; // 5 s of traffic
const PEER_BYTES = 5 * MB;
const PEER_RATE = 1.25 * MB; // 4 s

const prefix = nsPrefix('st');
const created: Netns[] = [];
let h: Netns, w: Netns, g1: Netns, g2: Netns;
let sampler: JsonLines;

/** JSON lines from a child's stdout, kept in order, with a way to wait for one. */
class JsonLines {
  readonly lines: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
      this.waiters.forEach((wake) => wake());
    });
  }

  async waitFor<T>(
    pick: (line: Record<string, unknown>) => T | undefined,
    timeoutMs = 15_000,
    from = 0,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let seen = from; ;) {
      for (; seen < this.lines.length; seen++) {
        const got = pick(this.lines[seen]!);
        if (got !== undefined) return got;
      }
      if (Date.now() > deadline) throw new Error(`no expected line within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
      this.waiters = [];
    }
  }

  samples(): StatsSample[] {
    return this.lines.filter((l) => 'network' in l) as unknown as StatsSample[];
  }
}

async function addGuest(guest: Netns, port: string, mac: string, ip: string): Promise<void> {
  await h.ip(['link', 'add', port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', guest.name]);
  await h.ipBatch([`link set ${port} master br0`, `link set ${port} up`]);
  await guest.ipBatch([`link set eth0 address ${mac}`, `addr add ${ip}/24 dev eth0`, 'link set eth0 up']);
  await guest.ip(['route', 'add', 'default', 'via', '10.77.0.1']);
}

async function buildTopology(): Promise<void> {
  // One at a time, each kept as soon as it exists, so afterAll removes all that were made.
  for (const n of ['h', 'w', 'g1', 'g2']) created.push(await Netns.create(`${prefix}-${n}`));
  [h, w, g1, g2] = created as [Netns, Netns, Netns, Netns];
  await h.ipBatch(['link add br0 type bridge', 'addr add 10.77.0.1/24 dev br0', 'link set br0 up']);
  await h.ip(['link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'wan0', 'netns', w.name]);
  await h.ipBatch(['addr add 10.78.0.1/24 dev up0', 'link set up0 up']);
  await w.ipBatch([
    'addr add 10.78.0.2/24 dev wan0',
    'link set wan0 up',
    'route add 10.77.0.0/24 via 10.78.0.1',
  ]);
  await h.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']); // h's own sysctl, not the machine's
  await addGuest(g1, 'vp1', MAC1, '10.77.0.11');
  await addGuest(g2, 'vp2', MAC2, '10.77.0.12');
}

function startSampler(): JsonLines {
  const config = {
    intervalSec: 1,
    networks: [
      {
        name: 'stats-net',
        bridge: 'br0',
        leases: [
          { mac: MAC1, ip: '10.77.0.11', hostname: 'guest1' },
          { mac: MAC2, ip: '10.77.0.12', hostname: 'guest2' },
        ],
      },
    ],
  };
  const child = h.spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { cwd: ROOT });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[sampler] ${d.toString()}`));
  return new JsonLines(child);
}

/** Send `bytes` at `rate` from one namespace to a server in another; resolves with the sender's times. */
async function transfer(from: Netns, to: Netns, host: string, port: number, bytes: number, rate: number) {
  const server = new JsonLines(to.spawn(process.execPath, [TRAFFIC, 'serve', String(port)]));
  await server.waitFor((l) => (l.listening ? true : undefined));
  const sender = new JsonLines(
    from.spawn(process.execPath, [TRAFFIC, 'send', host, String(port), String(bytes), String(rate)]),
  );
  const sent = await sender.waitFor(
    (l) => ('sent' in l ? (l as { sent: number; start: number; end: number }) : undefined),
    30_000,
  );
  const received = await server.waitFor((l) => ('received' in l ? (l.received as number) : undefined));
  server.child.kill();
  return { ...sent, received };
}

const port = (s: StatsSample, name: string): PortCounters | undefined => s.ports.find((p) => p.name === name);

/** Samples whose whole interval lies inside [start, end], with a margin for clock and pacing edges. */
function inside(samples: StatsSample[], start: number, end: number): StatsSample[] {
  return samples.filter((s) => s.time - s.interval * 1000 >= start + 150 && s.time <= end - 150);
}

/**
 * The rate during the transfer, read from the samples inside it, is within 5% of the volume on
 * the wire over the duration; each single sample within 10%, as the sender's pacing can slip a
 * few tens of ms across a sample boundary on a loaded machine (measured: within 0.3% each).
 */
function expectRate(during: StatsSample[], rateOf: (s: StatsSample) => number, expected: number): void {
  const rates = during.map(rateOf);
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  expect(Math.abs(mean / expected - 1)).toBeLessThan(0.05);
  for (const r of rates) expect(Math.abs(r / expected - 1)).toBeLessThan(0.1);
}

describe.sequential('stats sampler on real interfaces', () => {
  beforeAll(async () => {
    await buildTopology();
    sampler = startSampler();
    await sampler.waitFor((l) => (l.ready ? true : undefined), 20_000);
    await sampler.waitFor((l) => ('network' in l ? true : undefined), 20_000);
  }, 60_000);

  afterAll(async () => {
    sampler?.child.stdin?.end();
    await destroyAll(created);
  });

  it('rates during a 20 MB transfer to the wan are the volume over the duration, within 5%', async () => {
    const before = await g1.counters('eth0');
    const t = await transfer(g1, w, '10.78.0.2', 5001, WAN_BYTES, WAN_RATE);
    const after = await g1.counters('eth0');
    expect(t.received).toBe(WAN_BYTES);
    const wireRate = (after.txBytes - before.txBytes) / ((t.end - t.start) / 1000);
    await sampler.waitFor((l) => ((l.time as number) > t.end + 1000 ? true : undefined));
    const during = inside(sampler.samples(), t.start, t.end);
    expect(during.length).toBeGreaterThanOrEqual(2);
    // rx on a port is what its guest sent; the bridge's rx is what the host received to route.
    expectRate(during, (s) => port(s, 'vp1')!.rxBytesPerSec, wireRate);
    expectRate(during, (s) => s.bridge.rxBytesPerSec, wireRate);
    for (const s of during) expect(port(s, 'vp2')!.txBytesPerSec).toBeLessThan(wireRate * 0.01);
  }, 60_000);

  it('rates during a 5 MB transfer guest to guest show on both ports and not on the bridge', async () => {
    const before = await g1.counters('eth0');
    const t = await transfer(g1, g2, '10.77.0.12', 5002, PEER_BYTES, PEER_RATE);
    const after = await g1.counters('eth0');
    expect(t.received).toBe(PEER_BYTES);
    const wireRate = (after.txBytes - before.txBytes) / ((t.end - t.start) / 1000);
    await sampler.waitFor((l) => ((l.time as number) > t.end + 1000 ? true : undefined));
    const during = inside(sampler.samples(), t.start, t.end);
    expect(during.length).toBeGreaterThanOrEqual(1);
    expectRate(during, (s) => port(s, 'vp1')!.rxBytesPerSec, wireRate);
    expectRate(during, (s) => port(s, 'vp2')!.txBytesPerSec, wireRate);
    for (const s of during) {
      expect(s.bridge.rxBytesPerSec).toBeLessThan(wireRate * 0.01);
      expect(s.total.rxBytesPerSec).toBeCloseTo(
        port(s, 'vp1')!.rxBytesPerSec + port(s, 'vp2')!.rxBytesPerSec,
        6,
      );
    }
  }, 60_000);

  it("byte totals match the kernel's counters within 1%, and each port names its guest", async () => {
    const kernel = {
      vp1: await h.counters('vp1'),
      vp2: await h.counters('vp2'),
      br0: await h.counters('br0'),
    };
    const guest1 = await g1.counters('eth0');
    const readAt = Date.now();
    const s = await sampler.waitFor((l) =>
      'network' in l && (l.time as number) > readAt ? (l as unknown as StatsSample) : undefined,
    );
    expect(StatsSample.safeParse(s).success).toBe(true);
    const near = (a: number, b: number) => expect(Math.abs(a - b) / b).toBeLessThan(0.01);
    near(port(s, 'vp1')!.rxBytes, kernel.vp1.rxBytes);
    near(port(s, 'vp1')!.rxBytes, guest1.txBytes); // the other end of the veth: what the guest sent
    near(port(s, 'vp1')!.txBytes, kernel.vp1.txBytes);
    near(port(s, 'vp2')!.txBytes, kernel.vp2.txBytes);
    near(s.bridge.rxBytes, kernel.br0.rxBytes);
    near(s.total.rxBytes, kernel.vp1.rxBytes + kernel.vp2.rxBytes);
    expect(port(s, 'vp1')!.rxBytes).toBeGreaterThan(WAN_BYTES + PEER_BYTES);
    expect(s.ports.map((p) => [p.name, p.mac, p.ip, p.hostname])).toEqual([
      ['vp1', MAC1, '10.77.0.11', 'guest1'],
      ['vp2', MAC2, '10.77.0.12', 'guest2'],
    ]);
  }, 30_000);

  it('a port deleted and re-created gives no negative or absurd rate, and restarts from its new counters', async () => {
    const from = sampler.lines.length;
    await h.ip(['link', 'del', 'vp2']); // takes g2's eth0 with it
    await addGuest(g2, 'vp2', MAC2, '10.77.0.12');
    await g2.exec('ping', ['-c', '3', '-i', '0.2', '-q', '10.77.0.1']);
    const s = await sampler.waitFor(
      (l) =>
        'network' in l && port(l as unknown as StatsSample, 'vp2')?.mac === MAC2
          ? (l as unknown as StatsSample)
          : undefined,
      15_000,
      from,
    );
    expect(port(s, 'vp2')!.txBytes).toBeLessThan(1 * MB); // the new interface's own counters
    const all = sampler.samples();
    for (const x of all) {
      for (const c of [x.bridge, x.total, ...x.ports]) {
        for (const r of [c.rxBytesPerSec, c.txBytesPerSec]) {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThan(WAN_RATE * 1.5); // nothing here ever sent faster
        }
      }
    }
  }, 30_000);

  it('serves the history, oldest first, equal to the samples it streamed', async () => {
    const from = sampler.lines.length;
    sampler.child.stdin!.write('history 600\n');
    const [history] = await sampler.waitFor((l) => l.history as StatsSample[][] | undefined, 10_000, from);
    const streamed = sampler.samples();
    expect(history!.length).toBeGreaterThan(10);
    const times = history!.map((s) => s.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const byTime = new Map(streamed.map((s) => [s.time, s]));
    for (const s of history!) if (byTime.has(s.time)) expect(s).toEqual(byTime.get(s.time));
    expect(history!.filter((s) => byTime.has(s.time)).length).toBeGreaterThanOrEqual(history!.length - 1);
  }, 20_000);
});
