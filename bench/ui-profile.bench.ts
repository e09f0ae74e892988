/**
 * Where the window's first paint of the network list goes (issue 17): in a sandbox host of its
 * own with 200 defined networks, one navigation under Chromium's CPU profiler, printed as a
 * timeline (document, scripts, React's first render, the WebSocket's first message, the list's
 * answer, the rows on screen) and the functions with the most self time, grouped by file.
 * The profile itself is written to test-results/ui-first-paint.cpuprofile (open it in
 * Chromium's DevTools, Performance panel); then a second navigation under Chromium's tracer,
 * summarised by kind of work (bench/ui-trace.ts) and written to
 * test-results/ui-first-paint.trace.json. Figures only, no assertions.
 *   npm run bench:ui-profile [-- --networks N]        (as root)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createSandbox } from '../electron/sandbox/sandbox';
import { findStartScript, startUi } from '../electron/sandbox/ui';
import { rowsPaintedMs } from './ui-floor';
import { printTraceSummary, startTrace } from './ui-trace';

const arg = process.argv.indexOf('--networks');
const COUNT = arg > 0 ? Number(process.argv[arg + 1]) : 200;
const root = resolve(import.meta.dirname, '..');

/** Runs in the page before its scripts: the time of every WebSocket message and of React's root. */
const TIMELINE_WATCH = `
  window.vnmTimeline = { messages: [], root: 0, firstRow: 0 };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        if (window.vnmTimeline.messages.length < 40)
          window.vnmTimeline.messages.push([performance.now(), String(e.data).slice(0, 80)]);
      });
    }
  };
  new MutationObserver((list, obs) => {
    const t = window.vnmTimeline;
    const r = document.getElementById('root');
    if (!t.root && r && r.children.length > 0) t.root = performance.now();
    if (!t.firstRow && document.querySelector('[role=option]')) t.firstRow = performance.now();
    if (t.root && t.firstRow) obs.disconnect();
  }).observe(document, { childList: true, subtree: true });
`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by file, in ms, from a CDP CPU profile. */
function selfTimes(p: Profile): { fns: [string, number][]; files: [string, number][] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const file = f.url.split('/').pop() || `(${f.functionName || 'native'})`;
    const fn = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return { fns: top(fns), files: top(files) };
}

async function main(): Promise<void> {
  const sandbox = await createSandbox({ log: () => undefined, guestsFor: () => 0 });
  try {
    const client = await sandbox.client();
    for (let i = 0; i < COUNT; i++)
      await client.call('network.define', {
        xml: `<network><name>profile-${String(i).padStart(4, '0')}</name></network>`,
      });
    const count = (await client.call('network.list', { filter: 'all' })).length;
    client.close();
    const script = findStartScript();
    if (!script) throw new Error('scripts/start.mjs is missing; the app cannot be served');
    const ui = startUi(sandbox, script, { open: false, shell: 'browser', port: 0 });
    const url = await ui.url;
    if (!url) throw new Error('the browser shell exited before serving; run npm start to see why');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 720 }, bypassCSP: true });
      await rowsPaintedMs(page, url, count); // warm: the shell's first answers, the disk cache
      await page.goto('about:blank');
      await page.addInitScript(TIMELINE_WATCH);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const painted = await rowsPaintedMs(page, url, count);
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const t = await page.evaluate<{
        nav: { responseEnd: number; domContentLoadedEventEnd: number; loadEventEnd: number };
        resources: [string, number, number, number][];
        root: number;
        firstRow: number;
        messages: [number, string][];
      }>(`({
        nav: performance.getEntriesByType('navigation')[0].toJSON(),
        resources: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), r.startTime, r.responseEnd, r.encodedBodySize]),
        root: window.vnmTimeline.root,
        firstRow: window.vnmTimeline.firstRow,
        messages: window.vnmTimeline.messages,
      })`);
      const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
      console.log(`first paint of ${count} networks, one navigation (after a warm-up one):`);
      console.log(`${ms(t.nav.responseEnd)}  document received`);
      for (const [name, start, end, size] of t.resources)
        console.log(`${ms(end)}  ${name} (from ${start.toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB)`);
      console.log(`${ms(t.nav.domContentLoadedEventEnd)}  DOMContentLoaded`);
      console.log(`${ms(t.root)}  React's first render in #root`);
      for (const [at, head] of t.messages.slice(0, 6)) console.log(`${ms(at)}  message: ${head}`);
      console.log(`${ms(t.firstRow)}  the first row in the document`);
      console.log(`${ms(painted)}  ${count} rows in the document, next frame`);
      const { fns, files } = selfTimes(profile);
      console.log('self time by file:');
      for (const [f, v] of files) console.log(`${ms(v)}  ${f}`);
      console.log('self time by function:');
      for (const [f, v] of fns) console.log(`${ms(v)}  ${f}`);
      mkdirSync(resolve(root, 'test-results'), { recursive: true });
      writeFileSync(resolve(root, 'test-results/ui-first-paint.cpuprofile'), JSON.stringify(profile));
      // A second navigation under the tracer alone (the profiler's sampling would lengthen it).
      await page.goto('about:blank');
      const stop = await startTrace(browser, page);
      const traced = await rowsPaintedMs(page, url, count);
      const events = await stop();
      writeFileSync(
        resolve(root, 'test-results/ui-first-paint.trace.json'),
        JSON.stringify({ traceEvents: events }),
      );
      console.log(`traced navigation: ${count} rows at ${traced.toFixed(0)} ms`);
      printTraceSummary(events, traced);
    } finally {
      await browser.close();
      await ui.stop();
    }
  } finally {
    await sandbox.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
