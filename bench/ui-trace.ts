/**
 * A Chromium trace of one navigation, summarised for bench:ui-profile (issue 17): the renderer
 * main thread's self time by kind of work (script compile and run, style, layout, paint, GC,
 * HTML), and its tasks of 5 ms or more in order, each with the work it mostly did. The CPU
 * profile says which functions ran; this says what the browser did between them.
 */
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string; isMainFrame?: boolean } };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'navigation',
].join(',');

/** The kind of work a trace event's self time counts as. */
function kindOf(name: string): string {
  if (/compile|Compile|parseOnBackground|V8.Parse/i.test(name)) return 'script compile';
  if (
    /EvaluateScript|FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.run|v8\.callFunction|V8\.Execute|HandlePostMessage/.test(
      name,
    )
  )
    return 'script run';
  if (/GC|Scavenge|MarkCompact|garbage/i.test(name)) return 'GC';
  if (/UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|StyleInvalidat/.test(name)) return 'style';
  if (/^Layout$|UpdateLayout|LayoutShift|IntersectionObserver/.test(name)) return 'layout';
  if (/Paint|Layerize|Commit|Raster|CompositeLayers|UpdateLayer|PrePaint|Decode/.test(name)) return 'paint';
  if (/ParseHTML|ResourceReceive|ResourceFinish|ResourceSend|Preload/.test(name)) return 'HTML and loading';
  return 'other';
}

/** Starts tracing `page`'s browser; the returned function stops it and returns the events. */
export async function startTrace(browser: Browser, page: Page): Promise<() => Promise<TraceEvent[]>> {
  await browser.startTracing(page, { categories: CATEGORIES.split(',') });
  return async () => {
    const buffer = await browser.stopTracing();
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  };
}

/** The renderer main thread of the page navigated to `url` (the busiest CrRendererMain). */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const threads = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  let best: { pid: number; tid: number } | null = null;
  let bestTime = -1;
  for (const t of threads) {
    const time = events
      .filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X')
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (time > bestTime) [best, bestTime] = [{ pid: t.pid, tid: t.tid }, time];
  }
  return best;
}

/** Prints the summary; `origin` is the trace timestamp (µs) of navigation start, `until` ms after it. */
export function printTraceSummary(events: TraceEvent[], until: number): void {
  const main = mainThread(events);
  if (!main) return void console.log('trace: no renderer main thread found');
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid);
  const complete = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const origin = nav?.ts ?? complete[0]?.ts ?? 0;
  const end = origin + until * 1000;
  const self = new Map<string, number>();
  const tasks: { at: number; dur: number; kinds: Map<string, number> }[] = [];
  const stack: { e: TraceEvent; child: number }[] = [];
  let task: (typeof tasks)[number] | null = null;
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= upTo) {
      const { e, child } = stack.pop()!;
      const own = Math.max(0, e.dur! - child) / 1000;
      if (stack.length) stack.at(-1)!.child += e.dur!;
      const kind = kindOf(e.name);
      if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') {
        self.set(kind, (self.get(kind) ?? 0) + own);
        task?.kinds.set(kind, (task.kinds.get(kind) ?? 0) + own);
      }
    }
  };
  for (const e of complete) {
    if (e.ts < origin || e.ts > end) continue;
    close(e.ts);
    if (stack.length === 0 && e.dur! >= 5000) {
      task = { at: (e.ts - origin) / 1000, dur: e.dur! / 1000, kinds: new Map() };
      tasks.push(task);
    } else if (stack.length === 0) task = null;
    stack.push({ e, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
  console.log(`trace, renderer main thread, navigation to ${until.toFixed(0)} ms: self time by kind`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1])) console.log(`${ms(v)}  ${k}`);
  console.log('tasks of 5 ms or more (start, length: what they did):');
  for (const t of tasks) {
    const parts = [...t.kinds.entries()]
      .sort((a, b) => b[1] - a[1])
      .filter(([, v]) => v >= 1)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`);
    console.log(`${ms(t.at)} ${t.dur.toFixed(0).padStart(4)} ms: ${parts.join(', ')}`);
  }
}
