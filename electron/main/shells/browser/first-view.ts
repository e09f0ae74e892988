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
  theme: FirstViewTheme = 'system',
  waitMs = FIRST_VIEW_WAIT_MS,
): Promise<void> {
  const at = html.indexOf(ROOT_ELEMENT);
  // Another connection's window has more in its first view (its chip) than this one draws.
  if (at < 0 || connection !== LOCAL_CONNECTION || backend?.status().state !== 'connected') {
    return void res.end(html);
  }
  res.write(html.slice(0, at));
  const list = await askList(invoke, connection, waitMs);
  // A list vnmd answered after the connection dropped would show a window that is not there.
  const view =
    list && list.length > 0 && backend.status().state === 'connected' ? firstViewHtml(list, theme) : '';
  res.end(`${view}${html.slice(at)}`);
}
