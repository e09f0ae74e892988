/**
 * Events over vnmd's real socket (issue 4, "Events" acceptance): vnmd runs in a namespace made
 * here; clients connect to its unix socket as the CLI and the UI do.
 * - A start, an update and a stop made by a second connection reach a subscriber on a first
 *   connection within 200 ms of the request being sent (each measured, each asserted).
 * - A burst of 1,000 lifecycle events arrives complete, in vnmd's commit order (seq), the same
 *   at two subscribers.
 * - A subscriber that stops reading (a raw socket, paused) while large stats events and
 *   lifecycle events flow: vnmd's memory stays bounded, the oldest stats are dropped, no
 *   lifecycle event is, and past even that the connection is closed with a reason. vnmd is
 *   started with VNMD_EVENT_QUEUE_LIMIT small so this takes seconds, not minutes.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { CLOSING_NOTIFICATION } from '../../shared/rpc/contract';
import type { VnmEvent } from '../../shared/rpc/contract';
import { lifecycleBurst, runningNetworks, until } from '../helpers/events-flood';
import { lifecycleOf, recordEvents, type EventRecorder } from '../helpers/events-recorder';
import {
  eventsOf,
  missingRuns,
  rssKiB,
  slowSubscriber,
  type SlowReader,
} from '../helpers/events-slow-reader';
import { createNetns, destroyAllNetns } from '../helpers/netns';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const LATENCY_LIMIT_MS = 200;
const BURST_NETWORKS = 500;

// Isolated, no address: starting it is a bridge and little else, so the figure is mostly the
// event's path and not dnsmasq's start-up (which alone can pass 200 ms on a loaded machine).
const latXml = `<network><name>lat</name><bridge name='vnmev0' stp='off'/></network>`;

let vnmd: Vnmd | undefined;
let writer: VnmClient | undefined;
let watcher: VnmClient | undefined;
let second: VnmClient | undefined;
let rec: EventRecorder;
let rec2: EventRecorder;

beforeAll(async () => {
  const ns = await createNetns('vev');
  vnmd = await startVnmd(ns);
  // The subscriber is a read-only connection, as the UI's; changes come from another one.
  watcher = await vnmd.client(true);
  rec = recordEvents(watcher);
  await watcher.call('events.subscribe', { types: ['lifecycle'], networks: null });
  second = await vnmd.client(true);
  rec2 = recordEvents(second);
  await second.call('events.subscribe', { types: ['lifecycle'], networks: null });
  writer = await vnmd.client();
}, 60_000);

/** Everything to undo in afterAll, whatever failed. */
const cleanup: { clients: VnmClient[]; readers: SlowReader[]; daemons: Vnmd[] } = {
  clients: [],
  readers: [],
  daemons: [],
};

afterAll(async () => {
  for (const c of [writer, watcher, second, ...cleanup.clients]) c?.close();
  for (const r of cleanup.readers) r.destroy();
  for (const d of [vnmd, ...cleanup.daemons]) await d?.kill();
  await destroyAllNetns();
  for (const d of [vnmd, ...cleanup.daemons]) if (d) removeDirs(d.dirs);
});

interface Timed {
  readonly event: string;
  /** From the request being written to the subscriber having the event. */
  readonly eventMs: number;
  /** From the request being written to the writer having its response. */
  readonly responseMs: number;
}

async function timed(event: string, request: () => Promise<unknown>): Promise<Timed> {
  const from = rec.received.length;
  const sent = performance.now();
  const call = request();
  const answered = call.then(() => performance.now());
  const match = (e: Parameters<Parameters<EventRecorder['waitFor']>[0]>[0]) =>
    lifecycleOf(e)?.event === event && lifecycleOf(e)?.network === 'lat';
  const hit = await rec.waitFor(match, 10_000, from);
  return { event, eventMs: hit.at - sent, responseMs: (await answered) - sent };
}

describe('lifecycle events over the socket', () => {
  it('a start, an update and a stop by a second client reach the subscriber within 200 ms', async () => {
    await writer!.call('network.define', { xml: latXml });
    // The very first start in a fresh vnmd pays one-off costs (first nft and dnsmasq runs, JIT)
    // that are the operation's, not the event's: warm up once, untimed.
    await writer!.call('network.start', { network: 'lat' });
    await writer!.call('network.destroy', { network: 'lat' });
    const figures: Timed[] = [];
    for (let round = 0; round < 3; round++) {
      figures.push(await timed('started', () => writer!.call('network.start', { network: 'lat' })));
      const host = `<host ip='10.64.0.2${round}'><hostname>h${round}</hostname></host>`;
      const update = { network: 'lat', command: 'add', section: 'dns-host', xml: host } as const;
      figures.push(await timed('updated', () => writer!.call('network.update', { ...update, config: true })));
      figures.push(await timed('stopped', () => writer!.call('network.destroy', { network: 'lat' })));
    }
    const fmt = (t: Timed) =>
      `${t.event} ${t.eventMs.toFixed(1)} ms (response ${t.responseMs.toFixed(1)} ms)`;
    console.log(`event latency, request sent -> subscriber has event:\n  ${figures.map(fmt).join('\n  ')}`);
    for (const t of figures) {
      expect(t.eventMs, fmt(t)).toBeLessThan(LATENCY_LIMIT_MS);
      // vnmd publishes when it commits, before it answers: the subscriber is never later than
      // the writer's own answer (1 ms for the two connections' scheduling on a busy machine).
      expect(t.eventMs, fmt(t)).toBeLessThanOrEqual(t.responseMs + 1);
    }
    await writer!.call('network.undefine', { network: 'lat' });
  }, 60_000);

  it('a burst of 1,000 lifecycle events arrives complete and in commit order', async () => {
    // No network runs, and sampling is off, so no other event takes a seq during the burst.
    await writer!.call('stats.setInterval', { seconds: null });
    const from = rec.received.length;
    const from2 = rec2.received.length;
    const responses: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: BURST_NETWORKS }, async (_, i) => {
        const network = `burst${i}`;
        await writer!.call('network.define', { xml: `<network><name>${network}</name></network>` });
        responses.push(`defined ${network}`);
        await writer!.call('network.undefine', { network });
        responses.push(`undefined ${network}`);
      }),
    );
    const requestsDone = performance.now();
    const expected = BURST_NETWORKS * 2;
    const burstOf = (r: EventRecorder, start: number) =>
      r.received.slice(start).flatMap((x) => {
        const l = lifecycleOf(x.event);
        return l && l.network.startsWith('burst') ? [{ ...l, at: x.at }] : [];
      });
    const last = `undefined ${responses.at(-1)!.split(' ')[1]}`;
    await rec.waitFor((e) => `${lifecycleOf(e)?.event} ${lifecycleOf(e)?.network}` === last, 10_000, from);
    await rec2.waitFor((e) => `${lifecycleOf(e)?.event} ${lifecycleOf(e)?.network}` === last, 10_000, from2);
    const got = burstOf(rec, from);
    const elapsed = Math.max(...got.map((g) => g.at)) - started;
    console.log(
      `burst: ${got.length} lifecycle events in ${elapsed.toFixed(0)} ms at the subscriber ` +
        `(requests answered in ${(requestsDone - started).toFixed(0)} ms)`,
    );
    expect(got).toHaveLength(expected);
    // One seq per commit: consecutive, so nothing was lost or reordered in between.
    expect(got.map((g) => g.seq - got[0]!.seq)).toEqual(Array.from({ length: expected }, (_, i) => i));
    const order = got.map((g) => `${g.event} ${g.network}`);
    for (let i = 0; i < BURST_NETWORKS; i++) {
      expect(order.indexOf(`defined burst${i}`)).toBeLessThan(order.indexOf(`undefined burst${i}`));
    }
    // vnmd answered the writer in the order it committed: the events follow the same order.
    expect(order).toEqual(responses);
    // A second subscriber sees exactly the same sequence.
    expect(burstOf(rec2, from2).map((g) => [g.seq, g.event, g.network])).toEqual(
      got.map((g) => [g.seq, g.event, g.network]),
    );
    const left = await writer!.call('network.list', { filter: 'all' });
    expect(left.filter((n) => n.name.startsWith('burst'))).toEqual([]);
  }, 60_000);
});

// The slow subscriber: vnmd's per-connection queue holds QUEUE_LIMIT events. Stats events of
// NETS networks with PORTS ports each (~250 KB) every 0.5 s fill vnmd's socket buffer (256 KiB),
// the kernel's and the queue within FILL samples; MORE samples after that (~25 MB) must not
// grow vnmd's memory. KEPT_NETWORKS * 2 lifecycle events then fit in the queue, and
// CLOSING_NETWORKS * 2 more do not.
const QUEUE_LIMIT = 20;
const NETS = 60;
const PORTS = 16;
const FILL = QUEUE_LIMIT + 10;
// Not fewer: with 50 (~12 MB) a bounded queue measured +2 MB on a quiet machine but +15 MB on
// a busy one (the heap grows in steps), as much as the volume itself.
const MORE = 100;
const KEPT_NETWORKS = 7;
const CLOSING_NETWORKS = 15;
const TYPES = ['stats', 'lifecycle'];

const key = (e: VnmEvent) =>
  `${e.seq} ${e.type} ${lifecycleOf(e)?.event ?? ''} ${lifecycleOf(e)?.network ?? ''}`;

describe('a subscriber that stops reading', () => {
  let slow: Vnmd;
  let w: VnmClient;
  let ref: EventRecorder;

  beforeAll(async () => {
    const ns = await createNetns('vevslow');
    slow = await startVnmd(ns, { env: { VNMD_EVENT_QUEUE_LIMIT: String(QUEUE_LIMIT) } });
    cleanup.daemons.push(slow);
    w = await slow.client();
    cleanup.clients.push(w);
    await runningNetworks(w, ns, NETS, PORTS);
    await w.call('stats.setInterval', { seconds: 0.5 });
    // A subscriber that keeps reading: what vnmd published, to compare the slow ones with.
    const refClient = await slow.client(true);
    cleanup.clients.push(refClient);
    ref = recordEvents(refClient);
    await refClient.call('events.subscribe', { types: ['stats', 'lifecycle'], networks: null });
    // Let vnmd's heap settle under this load first, so RSS changes are the queue's, not warm-up.
    await until(() => ref.received.filter((r) => r.event.type === 'stats').length >= 10, 20_000, 'warm-up');
  }, 120_000);

  it('bounds memory, drops old stats, keeps lifecycle events, and closes with a reason', async () => {
    const a = await slowSubscriber(slow.dirs.roSocket, TYPES);
    const b = await slowSubscriber(slow.dirs.roSocket, TYPES);
    cleanup.readers.push(a, b);
    a.pause();
    b.pause();
    const start = ref.received.length;
    const rssBefore = rssKiB(slow.pid);
    const since = () => ref.received.slice(start).map((r) => r.event);
    const statsCount = () => since().filter((e) => e.type === 'stats').length;
    await until(() => statsCount() >= FILL, FILL * 1500, 'stats samples to fill the queue');
    const rssFull = rssKiB(slow.pid);
    const fullAt = since().length;
    await until(() => statsCount() >= FILL + MORE, MORE * 1500, 'more stats samples');
    const kept = await lifecycleBurst(w, 'kept', KEPT_NETWORKS);
    const n = statsCount();
    await until(() => statsCount() >= n + 2, 10_000, 'two more stats samples');
    const rssAfter = rssKiB(slow.pid);
    const published = since();
    const bytes = (list: VnmEvent[]) => list.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    const volume = bytes(published);
    const volumeAfterFull = bytes(published.slice(fullAt));

    a.resume();
    const lastSeq = published.at(-1)!.seq;
    await until(() => eventsOf(a).some((e) => e.seq >= lastSeq), 30_000, 'the paused reader to catch up');
    const seen = eventsOf(a).filter((e) => e.seq >= published[0]!.seq && e.seq <= lastSeq);
    const lifecycle = (list: VnmEvent[]) => list.filter((e) => e.type === 'lifecycle').map(key);
    const stats = (list: VnmEvent[]) => list.filter((e) => e.type === 'stats').map((e) => e.seq);
    const dropped = missingRuns(stats(published), stats(seen));
    const growth = rssAfter - rssFull;
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    console.log(
      `slow subscriber: ${published.length} events (${mb(volume)}) published while paused, ` +
        `${mb(volumeAfterFull)} of them after the queue was full; vnmd RSS (KiB) before pause ` +
        `${rssBefore}, queue full ${rssFull}, end ${rssAfter} (${growth >= 0 ? '+' : ''}${growth}); ` +
        `received ${seen.length}, stats dropped ${stats(published).length - stats(seen).length} ` +
        `in ${dropped.length} run(s), lifecycle ${lifecycle(seen).length}/${lifecycle(published).length}`,
    );
    // Every lifecycle event, in order; the stats lost are one run: the oldest queued ones.
    expect(lifecycle(seen)).toEqual(lifecycle(published));
    expect(lifecycle(seen).map((k) => k.split(' ').slice(2).join(' '))).toEqual(kept);
    expect(dropped).toHaveLength(1);
    expect(stats(seen)).toContain(stats(published).at(-1));
    expect(seen.every((e) => published.some((p) => key(p) === key(e)))).toBe(true);
    // Memory: once the queue is full, what is published after does not accumulate in vnmd. RSS
    // still grows some: each network's stats history ring (10 min) fills under this load too.
    // Measured here: bounded (4 stats samples queued at most) ~+0.15 KiB per KB published after
    // full; with the queue made unbounded (limit 100000), +1.6 KiB per KB; so the line is drawn
    // at 1 KiB per KB.
    expect(growth * 1024).toBeLessThan(volumeAfterFull);

    // b is still not reading: more lifecycle events than its queue can hold close it, with a reason.
    const closing = await lifecycleBurst(w, 'closing', CLOSING_NETWORKS);
    b.resume();
    await until(() => b.isEnded(), 30_000, 'vnmd to close the slow connection');
    const last = b.messages.at(-1)!;
    console.log(`slow subscriber closed: ${JSON.stringify(last)}`);
    expect(last.method).toBe(CLOSING_NOTIFICATION);
    expect(String(last.params?.reason)).toMatch(/too slowly.*lifecycle/);
    // The one that kept reading got all of them, and vnmd still serves everyone else.
    const lastClosing = closing.at(-1)!;
    await until(() => lifecycle(eventsOf(a)).some((k) => k.endsWith(lastClosing)), 10_000, 'a to catch up');
    expect(a.isEnded()).toBe(false);
    expect((await w.call('network.list', { filter: 'all' })).length).toBe(NETS);
  }, 240_000);
});
