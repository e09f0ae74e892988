/**
 * The floors of bench/ui.bench.ts, measured in the same Chromium and the same run as the app:
 *  - a static HTML page with the same rows as the app's network list (a listbox of options,
 *    each a name and a "state · mode" caption), served as a file: what painting those rows
 *    costs the browser with no framework, no data to fetch and no script at all;
 *  - for switching, one frame of the same page: a click that changes nothing but the frame.
 * Issue 17's goal: the app paints its list within 2× the static page's time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The page: the app's row text and roughly its layout (a 360 px list beside an empty pane). */
export function staticListHtml(names: readonly string[]): string {
  const rows = names
    .map(
      (n) =>
        `<div role="option" class="row"><div class="name">${escapeHtml(n)}</div>` +
        `<div class="desc">Inactive · NAT</div></div>`,
    )
    .join('');
  return (
    '<!doctype html><html><head><meta charset="utf-8"><style>' +
    'body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh}' +
    '#list{width:360px;overflow:auto}.row{padding:6px 16px}.name{font-weight:500}' +
    '.desc{font-size:12px;color:#666;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}' +
    `</style></head><body><div id="list" role="listbox">${rows}</div><main></main></body></html>`
  );
}

/**
 * Runs in every page from its first moment, before any of its scripts: in each animation frame
 * (for 10 s, or until the bench has read it) notes the time when the number of options changed.
 */
const ROW_FRAMES_WATCH = `(() => {
  const frames = [];
  window.vnmRowFrames = frames;
  let last = -1;
  const tick = () => {
    const n = document.querySelectorAll('[role=option]').length;
    if (n !== last) frames.push([performance.now(), (last = n)]);
    if (!window.vnmRowFramesDone && performance.now() < 10000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const watched = new WeakSet<Page>();

export interface RowsPainted {
  /** Navigation to the first frame with the rows, watched from the page's start. */
  readonly ms: number;
  /**
   * The same, watched only from the load event on (as the bench did until the browser shell
   * served the rows in the page's HTML, which then paint before the load event).
   */
  readonly afterLoadMs: number;
}

/**
 * Milliseconds from navigation to the frame in which `rows` options are in the document. The
 * time is taken inside the page, in that frame's callback: read by a second command afterwards,
 * it would also count whatever the page does just after the rows (the app's later answers and
 * deferred parts), which the static page does not have. Each frame is watched from the page's
 * start (ROW_FRAMES_WATCH), for the app and the static page alike: the app's served rows are in
 * the first HTML, and a watch started once page.goto returns (at the load event, which waits
 * for the app's scripts) would only see them then.
 */
export async function rowsPainted(page: Page, url: string, rows: number): Promise<RowsPainted> {
  if (!watched.has(page)) {
    await page.addInitScript(ROW_FRAMES_WATCH);
    watched.add(page);
  }
  await page.goto(url);
  const seen =
    `document.querySelectorAll('[role=option]').length >= ${rows} && ` +
    '((window.vnmRowsAt ??= performance.now()), true)';
  await page.waitForFunction(seen, undefined, { polling: 'raf', timeout: 120_000 });
  return page.evaluate<RowsPainted>(`(() => {
    window.vnmRowFramesDone = true;
    const first = window.vnmRowFrames.find(([, n]) => n >= ${rows});
    return { ms: first ? first[0] : window.vnmRowsAt, afterLoadMs: window.vnmRowsAt };
  })()`);
}

/** rowsPainted's time from the page's start. */
export async function rowsPaintedMs(page: Page, url: string, rows: number): Promise<number> {
  return (await rowsPainted(page, url, rows)).ms;
}

/** The static page for `names`, written to a private folder; remove() deletes it. */
export function writeStaticList(names: readonly string[]): { url: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vnm-bench-ui-'));
  const file = join(dir, `list-${names.length}.html`);
  writeFileSync(file, staticListHtml(names));
  return { url: `file://${file}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A page expression for the first element of `role` whose text is `text` (a tab, an option). */
export const byRoleText = (role: string, text: string) =>
  `[...document.querySelectorAll('[role=${role}]')].find((e) => e.textContent.trim().startsWith(${JSON.stringify(text)}))`;

/**
 * Clicks the element `find` (a page expression) names and returns the milliseconds until the
 * frame after it is painted: React runs a click's updates before the event returns, the next
 * animation frame then lays out and paints, and a timer queued from that frame runs once it
 * is on screen. Run inside the page, as a string (the bench type-checks without the DOM
 * library).
 */
export async function clickToFrameMs(page: Page, find: string): Promise<number> {
  return page.evaluate<number>(
    `new Promise((resolve, reject) => {
      const el = ${find};
      if (!el) return reject(new Error('nothing matches ' + ${JSON.stringify(find)}));
      const start = performance.now();
      el.click();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    })`,
  );
}
