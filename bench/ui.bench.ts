/**
 * UI benchmark (issue 6), against a real vnmd in a sandbox (VNM_BENCH_CONNECT=unix:PATH):
 * - time from navigation to the network list painted, with 200 defined networks;
 * - with 20 running networks sampled every second: the longest main-thread task over 60 s
 *   (target under 50 ms), and the renderer's JS heap at start and after --minutes (10).
 * Prints figures; asserts nothing. Its networks (bench-ui-NNN, isolated, no addresses) are
 * removed at the end, also on failure.
 *   VNM_BENCH_CONNECT=unix:/tmp/x/vnmd.sock npx tsx bench/ui.bench.ts [--minutes N]
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { connectVnmd } from '../electron/client/client';
import type { VnmClient } from '../electron/client/client';
import { socketPathFromUri } from '../electron/client/uri';

const CONNECT = process.env.VNM_BENCH_CONNECT ?? '';
const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
const NAMES = Array.from({ length: 200 }, (_, i) => `bench-ui-${String(i).padStart(3, '0')}`);
const root = resolve(import.meta.dirname, '..');

function startShell(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [resolve(root, 'scripts/start.mjs'), '--shell=browser', '--no-open', '--connect', CONNECT],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^vnm UI: (\S+)$/m.exec(out);
      if (m?.[1]) res({ url: m[1], child });
    });
    child.once('exit', (code) => rej(new Error(`browser shell exited (${code}): ${out}`)));
  });
}

// Page code is passed as strings: this file type-checks without the DOM library.
async function listPaintedMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    `document.querySelectorAll('[role=option]').length >= ${NAMES.length}`,
    undefined,
    {
      polling: 'raf',
      timeout: 60_000,
    },
  );
  return page.evaluate<number>('performance.now()');
}

const LONGEST_TASK_WATCH = `
  window.longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

async function cleanup(client: VnmClient): Promise<void> {
  for (const network of NAMES) {
    await client.call('network.destroy', { network }).catch(() => undefined);
    await client.call('network.undefine', { network }).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (!CONNECT)
    throw new Error(
      'set VNM_BENCH_CONNECT=unix:PATH to a vnmd running in a sandbox (npm run demo prints one)',
    );
  const client = await connectVnmd(socketPathFromUri(CONNECT));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let shell: ChildProcess | null = null;
  try {
    for (const name of NAMES)
      await client.call('network.define', { xml: `<network><name>${name}</name></network>` });
    const started = await startShell();
    shell = started.child;
    // The measuring code runs as strings, which the app's CSP (rightly) forbids to page scripts.
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 }, bypassCSP: true });
    const paints: number[] = [];
    for (let i = 0; i < 3; i++) paints.push(await listPaintedMs(page, started.url));
    paints.sort((a, b) => a - b);
    console.log(
      `list of ${NAMES.length} networks painted: median ${paints[1]?.toFixed(0)} ms after navigation (runs: ${paints.map((p) => p.toFixed(0)).join(', ')})`,
    );

    for (const network of NAMES.slice(0, 20)) await client.call('network.start', { network });
    await client.call('stats.setInterval', { seconds: 1 });
    await page.addInitScript(LONGEST_TASK_WATCH);
    await listPaintedMs(page, started.url);
    await page.getByRole('option', { name: NAMES[0] }).click();
    await page.getByRole('tab', { name: 'Traffic' }).click();
    await page.waitForTimeout(2000);
    await page.evaluate('window.longest = 0');
    const heapStart = await heapMb(page);
    await page.waitForTimeout(60_000);
    const longest = await page.evaluate<number>('window.longest');
    console.log(
      `20 running networks at 1 s stats: longest main-thread task over 60 s: ${longest.toFixed(0)} ms (target < 50 ms)`,
    );
    await page.waitForTimeout(Math.max(0, MINUTES * 60_000 - 60_000));
    console.log(
      `renderer JS heap: ${heapStart.toFixed(1)} MB at start, ${(await heapMb(page)).toFixed(1)} MB after ${MINUTES} min`,
    );
  } finally {
    shell?.kill('SIGTERM');
    await browser.close();
    await cleanup(client);
    client.close();
  }
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
