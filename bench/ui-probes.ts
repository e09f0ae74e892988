/**
 * What bench/ui.bench.ts reads inside the page. The Long Tasks API reports only tasks of
 * 50 ms or more, so a quiet page would read "0 ms"; a 10 ms timer chain also measures how
 * late the main thread let it run, which bounds the longest task below 50 ms too.
 */
import type { Page } from '@playwright/test';

export const LONGEST_TASK_WATCH = `
  window.vnmBench = { longest: 0, count: 0, lag: 0 };
  window.vnmBenchReset = () => { window.vnmBench = { longest: 0, count: 0, lag: 0 }; };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.vnmBench.count += 1;
      window.vnmBench.longest = Math.max(window.vnmBench.longest, e.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
  (function tick(expected) {
    const now = performance.now();
    window.vnmBench.lag = Math.max(window.vnmBench.lag, now - expected);
    const next = now + 10;
    setTimeout(() => tick(next), 10);
  })(performance.now());
`;

export interface Longest {
  readonly timerLagMs: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
}

export async function readLongest(page: Page): Promise<Longest> {
  const b = await page.evaluate<{ longest: number; count: number; lag: number }>('window.vnmBench');
  return { timerLagMs: b.lag, longTasks: b.count, longestTaskMs: b.longest };
}

export interface RendererMemory {
  readonly heapMb: number;
  readonly nodes: number;
  readonly listeners: number;
}

/** JS heap after a forced GC, and DOM nodes and listeners: what a leak would grow. */
export async function rendererMemory(page: Page): Promise<RendererMemory> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    heapMb: metric('JSHeapUsedSize') / 1024 / 1024,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
  };
}
