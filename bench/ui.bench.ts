/**
 * UI benchmark (issues 6 and 17), against a real vnmd in a sandbox host made for it (network
 * namespaces, removed at the end, also on failure or Ctrl-C), or an existing one
 * (VNM_BENCH_CONNECT=unix:PATH):
 * - time from navigation to the network list painted, with 200 defined networks, beside a
 *   static HTML page with the same 200 rows in the same Chromium (the floor; goal ≤ 2×);
 * - with 20 running networks (plus the sandbox's `default`, whose guests make traffic)
 *   sampled every second, their sparklines live: a click on another network and on another
 *   sub-tab to the next frame painted (goal: median ≤ 50 ms), beside a click on the static
 *   page (the floor: one frame);
 * - the Traffic tab open: the longest main-thread task over 60 s (target under 50 ms), and
 *   the renderer's memory at start and after --minutes (10);
 * - then with 1,000 defined networks: the list painted, beside the static page with 1,000.
 * Prints figures; asserts nothing. Its networks (bench-ui-NNN) are removed at the end.
 *   npm run bench:ui [-- --minutes N]        (as root)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { connectVnmd } from '../electron/client/client';
import type { VnmClient } from '../electron/client/client';
import { socketPathFromUri } from '../electron/client/uri';
import { createSandbox } from '../electron/sandbox/sandbox';
import type { Sandbox } from '../electron/sandbox/sandbox';
import { findStartScript, startUi } from '../electron/sandbox/ui';
import { startBrowserShell } from './ui-shell';
import { beside, median } from './figures';
import { byRoleText, clickToFrameMs, rowsPainted, rowsPaintedMs, writeStaticList } from './ui-floor';
import type { RowsPainted } from './ui-floor';
import { LONGEST_TASK_WATCH, readLongest, rendererMemory } from './ui-probes';

const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
const nameOf = (i: number) => `bench-ui-${String(i).padStart(4, '0')}`;
const NAMES = Array.from({ length: 200 }, (_, i) => nameOf(i));
/** The second list size measured: issue 17 asks the window to keep its goals at 1,000. */
const MANY = Array.from({ length: 1000 }, (_, i) => nameOf(i));
const SWITCHES = 20;
const RUNNING = 20;
const root = resolve(import.meta.dirname, '..');

/** A running bench network gets an address and DHCP, as a user's network would. */
function xmlFor(name: string, i: number): string {
  if (i >= RUNNING) return `<network><name>${name}</name></network>`;
  const net = `10.${200 + Math.floor(i / 200)}.${i % 200}`;
  return (
    `<network><name>${name}</name><ip address="${net}.1" prefix="24">` +
    `<dhcp><range start="${net}.10" end="${net}.99"/></dhcp></ip></network>`
  );
}

async function measurePaint(page: Page, url: string, names: readonly string[]): Promise<void> {
  const floor = writeStaticList(names);
  try {
    const app: RowsPainted[] = [];
    const bare: RowsPainted[] = [];
    // Interleaved, so a burst of load on the machine hits both alike.
    for (let i = 0; i < 5; i++) {
      app.push(await rowsPainted(page, url, names.length));
      bare.push(await rowsPainted(page, floor.url, names.length));
    }
    const ms = (r: RowsPainted[]) => r.map((x) => x.ms);
    const afterLoad = (r: RowsPainted[]) => r.map((x) => x.afterLoadMs);
    beside(
      `list of ${names.length} networks painted`,
      ms(app),
      `static page, ${names.length} rows`,
      ms(bare),
    );
    const [a, b] = [median(afterLoad(app)), median(afterLoad(bare))];
    console.log(
      `  (watched only from the load event on: ${a.toFixed(1)} ms beside ${b.toFixed(1)} ms, ` +
        `${(a / b).toFixed(2)}x; the served rows paint before it)`,
    );
  } finally {
    floor.remove();
  }
}

/** Clicks to the next frame: across running networks, across sub-tabs, and on the static page. */
async function measureSwitching(page: Page, url: string, running: readonly string[]): Promise<void> {
  await rowsPaintedMs(page, url, NAMES.length);
  const networks: number[] = [];
  for (let i = 0; i < SWITCHES; i++)
    networks.push(await clickToFrameMs(page, byRoleText('option', running[i % running.length]!)));
  const tabs = ['Details', 'Traffic', 'DHCP Leases', 'XML'];
  // The XML tab's editor loads once, on its first showing: that first load is printed apart.
  const firstXml = await clickToFrameMs(page, byRoleText('tab', 'XML'));
  const subTabs: number[] = [];
  for (let i = 0; i < SWITCHES; i++)
    subTabs.push(await clickToFrameMs(page, byRoleText('tab', tabs[i % 4]!)));
  const floor = writeStaticList(NAMES);
  try {
    await rowsPaintedMs(page, floor.url, NAMES.length);
    const frames: number[] = [];
    for (let i = 0; i < SWITCHES; i++)
      frames.push(await clickToFrameMs(page, byRoleText('option', NAMES[i]!)));
    beside('click on another network to next frame', networks, 'a click on the static page', frames);
    beside('click on another sub-tab to next frame', subTabs, 'a click on the static page', frames);
    console.log(
      `  (the XML tab's first showing, editor loaded then: ${firstXml.toFixed(0)} ms; goal ≤ 50 ms median)`,
    );
  } finally {
    floor.remove();
  }
}

async function measureLive(page: Page, url: string, client: VnmClient): Promise<void> {
  for (const network of NAMES.slice(0, RUNNING)) await client.call('network.start', { network });
  await client.call('stats.setInterval', { seconds: 1 });
  await measureSwitching(page, url, NAMES.slice(0, RUNNING));
  await page.addInitScript(LONGEST_TASK_WATCH);
  await rowsPaintedMs(page, url, NAMES.length);
  const watched = (await client.call('network.list', {})).some((n) => n.name === 'default')
    ? 'default'
    : (NAMES[0] ?? '');
  await page.getByRole('option', { name: watched }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await page.waitForTimeout(2000);
  // Memory first: its forced GC pauses the page, which is the bench's doing, not the app's.
  const start = await rendererMemory(page);
  await page.evaluate('window.vnmBenchReset()');
  await page.waitForTimeout(60_000);
  const longest = await readLongest(page);
  console.log(
    `${RUNNING} running networks at 1 s stats, Traffic of '${watched}' open, over 60 s: longest ` +
      `main-thread task ${longest.timerLagMs.toFixed(0)} ms by timer lag (10 ms resolution); ` +
      `${longest.longTasks} long tasks (≥ 50 ms), the longest ${longest.longestTaskMs.toFixed(0)} ms (target < 50 ms); ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs (a busy machine lengthens every task)`,
  );
  // Heap every 2 minutes: a leak climbs steadily; the 10-minute history rings filling do not
  // (they are full after 600 samples).
  for (let minute = 1; minute < MINUTES; minute += 2) {
    await page.waitForTimeout(Math.min(2, MINUTES - minute) * 60_000);
    const m = await rendererMemory(page);
    console.log(
      `  after ${Math.min(minute + 2, MINUTES)} min: JS heap ${m.heapMb.toFixed(1)} MB, DOM nodes ${m.nodes}`,
    );
  }
  const end = await rendererMemory(page);
  console.log(
    `renderer after GC: JS heap ${start.heapMb.toFixed(1)} MB at start, ${end.heapMb.toFixed(1)} MB after ` +
      `${MINUTES} min; DOM nodes ${start.nodes} → ${end.nodes}; listeners ${start.listeners} → ${end.listeners}`,
  );
}

async function cleanup(client: VnmClient): Promise<void> {
  for (const network of MANY) {
    await client.call('network.destroy', { network }).catch(() => undefined);
    await client.call('network.undefine', { network }).catch(() => undefined);
  }
}

/** The URL of the app served against the sandbox, and how to stop it. */
async function serveUi(sandbox: Sandbox | null): Promise<{ url: string; stop(): Promise<void> }> {
  if (!sandbox) return startBrowserShell(root, process.env.VNM_BENCH_CONNECT ?? '');
  const script = findStartScript();
  if (!script) throw new Error('scripts/start.mjs is missing; the app cannot be served');
  const ui = startUi(sandbox, script, { open: false, shell: 'browser', port: 0 });
  const url = await ui.url;
  if (!url) throw new Error('the browser shell exited before serving; run npm start to see why');
  return { url, stop: () => ui.stop() };
}

async function bench(client: VnmClient, sandbox: Sandbox | null, browser: Browser): Promise<void> {
  for (const [i, name] of NAMES.entries()) await client.call('network.define', { xml: xmlFor(name, i) });
  const ui = await serveUi(sandbox);
  try {
    // The measuring code runs as strings, which the app's CSP (rightly) forbids to page scripts.
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 }, bypassCSP: true });
    await measurePaint(page, ui.url, NAMES);
    await measureLive(page, ui.url, client);
    for (const [i, name] of MANY.entries())
      if (i >= NAMES.length) await client.call('network.define', { xml: xmlFor(name, i) });
    await measurePaint(page, ui.url, MANY);
  } finally {
    await ui.stop();
  }
}

async function main(): Promise<void> {
  const connect = process.env.VNM_BENCH_CONNECT;
  if (!connect && !existsSync(resolve(root, 'out/cli/vnm.mjs')))
    spawnSync(process.execPath, [resolve(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  // One guest per bench network keeps its sparkline moving without the guests' own work
  // (DHCP, downloads, pings) taking the CPU the renderer is measured on.
  const guestsFor = (network: string) => (network.startsWith('bench-ui-') ? 1 : 3);
  const log = (line: string) => {
    if (!/guests? (attached|detached)/.test(line)) console.log(`sandbox: ${line}`);
  };
  const sandbox = connect ? null : await createSandbox({ log, guestsFor });
  // Ctrl-C: remove the sandbox now rather than after the remaining minutes of waiting.
  process.once(
    'SIGINT',
    () => void (sandbox ? sandbox.destroy() : Promise.resolve()).finally(() => process.exit(130)),
  );
  try {
    const client = sandbox ? await sandbox.client() : await connectVnmd(socketPathFromUri(connect ?? ''));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      await bench(client, sandbox, browser);
    } finally {
      await browser.close();
      if (!sandbox) await cleanup(client);
      client.close();
    }
  } finally {
    await sandbox?.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
