/**
 * The page with its first view rendered in (issue 17): for the local connection, when vnmd is
 * connected and answers the list in time, the window's list as HTML before #root
 * (shared/first-view/page.ts), so the rows paint with the first HTML. The page's own early
 * calls still ask vnmd over its socket, and React's rows, built from those answers and the
 * pushes after them, replace these: a change after the page was served is never lost.
 * Only ever called for a request the gate let through (server.ts): the rows are the token
 * holder's to see.
 */
import type { ServerResponse } from 'node:http';
import { LOCAL_CONNECTION } from '../../../../shared/api/contract';
import { THEME_COOKIE } from '../../../../shared/first-view/ids';
import { firstViewHtml } from '../../../../shared/first-view/page';
import type { FirstViewTheme } from '../../../../shared/first-view/page';
import type { NetworkSummary } from '../../../../shared/rpc/contract';
import type { Backend } from '../../backend/backend';
import type { InvokeHandler } from '../../ipc/invoke';
import { cookieValue } from './security';

/** The longest the page's body waits for vnmd's list; past it the page is served without. */
export const FIRST_VIEW_WAIT_MS = 50;
const ROOT_ELEMENT = '<div id="root">';

/** The theme the page's window will have, from the cookie its renderer keeps (else the system's). */
export function pageTheme(cookieHeader: string | undefined): FirstViewTheme {
  const theme = cookieValue(cookieHeader, THEME_COOKIE);
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

/** vnmd's list, or null when it fails or takes longer than the page may wait. */
export async function askList(
  invoke: InvokeHandler,
  connection: string,
  waitMs = FIRST_VIEW_WAIT_MS,
): Promise<NetworkSummary[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  const answer = invoke('listNetworks', { filter: 'all' }, { connection }).then(
    (result) => (result.ok ? (result.value as NetworkSummary[]) : null),
    () => null,
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The longest a kept list is served without asking vnmd again, even with no event since. */
export const KEPT_LIST_MS = 30_000;

/**
 * The list last asked for the served view, kept while vnmd says nothing changed: a reload then
 * serves it at once, without a round trip to vnmd before the page's body. Any event that may
 * change a row (all but traffic samples and leases) or a connection change drops it. The page
 * asks vnmd itself anyway and its rows replace these, so a kept list is never what stays.
 */
export class ServedList {
  private kept: { readonly list: NetworkSummary[]; readonly at: number } | null = null;
  private generation = 0;
  private watched: Backend | null = null;
  private stopWatching = (): void => undefined;

  constructor(private readonly now: () => number = Date.now) {}

  async get(
    backend: Backend,
    invoke: InvokeHandler,
    connection: string,
    waitMs = FIRST_VIEW_WAIT_MS,
  ): Promise<NetworkSummary[] | null> {
    if (this.watched !== backend) this.watch(backend);
    if (this.kept && this.now() - this.kept.at < KEPT_LIST_MS) return this.kept.list;
    const generation = this.generation;
    const list = await askList(invoke, connection, waitMs);
    // Something changed while vnmd answered: serve this answer, but do not keep it.
    if (list && generation === this.generation) this.kept = { list, at: this.now() };
    return list;
  }

  close(): void {
    this.stopWatching();
    this.watched = null;
    this.drop();
  }

  private drop(): void {
    this.kept = null;
    this.generation++;
  }

  private watch(backend: Backend): void {
    this.stopWatching();
    this.drop();
    this.watched = backend;
    const offEvent = backend.onEvent((event) => {
      if (event.type !== 'stats' && event.type !== 'leases') this.drop();
    });
    const offStatus = backend.onStatus(() => this.drop());
    this.stopWatching = () => {
      offEvent();
      offStatus();
    };
  }
}

/**
 * Writes the page (`html`, the client script already in it). The head goes out at once, so
 * the browser fetches the scripts while vnmd answers; the view follows, then #root.
 */
export async function writePageWithFirstView(
  res: ServerResponse,
  html: string,
  connection: string,
  backend: Backend | undefined,
  invoke: InvokeHandler,
  served: ServedList,
  theme: FirstViewTheme = 'system',
): Promise<void> {
  const at = html.indexOf(ROOT_ELEMENT);
  // Another connection's window has more in its first view (its chip) than this one draws.
  if (at < 0 || connection !== LOCAL_CONNECTION || backend?.status().state !== 'connected') {
    return void res.end(html);
  }
  res.write(html.slice(0, at));
  const list = await served.get(backend, invoke, connection);
  // A list vnmd answered after the connection dropped would show a window that is not there.
  const view =
    list && list.length > 0 && backend.status().state === 'connected' ? firstViewHtml(list, theme) : '';
  res.end(`${view}${html.slice(at)}`);
}
