/**
 * The two answers the first view waits for — how the connection stands, and the network
 * list — asked for as soon as the page runs (main.tsx, before React is even loaded),
 * so they come back while the scripts are still being evaluated (issue 17). Each is taken
 * once, by the first load that wants it, and only while still true: a push since the answer
 * (a connection change; for the list also a lifecycle event) makes it stale, and the load asks
 * vnmd again. Without sendEarlyCalls (tests, the preview) every load asks as before.
 */
import type { ApiResult } from '@shared/api/contract';
import type { VnmClient } from '@shared/api/client';

type List = ApiResult<'listNetworks'>;
type Status = ApiResult<'connectionStatus'>;

interface Early<T> {
  readonly answer: Promise<T>;
  answered: boolean;
  stale: boolean;
}

let status: Early<Status> | null = null;
let list: Early<List> | null = null;
let stopWatching = (): void => undefined;

function early<T>(call: () => Promise<T>): Early<T> {
  const entry: Early<T> = { answer: call(), answered: false, stale: false };
  // A refused early call is asked again by its load; it is not an unhandled rejection.
  entry.answer.then(
    () => void (entry.answered = true),
    () => void (entry.answered = true),
  );
  return entry;
}

/** Sends both calls now and watches for what would make their answers stale. */
export function sendEarlyCalls(client: VnmClient): void {
  status = early(() => client.connectionStatus({}));
  list = early(() => client.listNetworks({ filter: 'all' }));
  const offConnection = client.onConnection(() => {
    // A push that came before an answer is in it (one ordered channel); a later one is not.
    if (status?.answered) status.stale = true;
    if (list?.answered) list.stale = true;
  });
  const offEvent = client.onEvent((event) => {
    // A network changed: whether the answer saw it or not, ask again.
    if (event.type === 'lifecycle' && list) list.stale = true;
  });
  // Once both are taken the watch has nothing left to guard.
  stopWatching = () => {
    offConnection();
    offEvent();
  };
}

function take<T>(entry: Early<T> | null, again: () => Promise<T>): Promise<T> {
  if (!entry || entry.stale) return again();
  return entry.answer.then(
    (value) => (entry.stale ? again() : value),
    () => again(),
  );
}

/** The connection status: the early answer if it is still true, else a new call. */
export function takeConnectionStatus(again: () => Promise<Status>): Promise<Status> {
  const entry = status;
  status = null;
  if (!list) stopWatching();
  return take(entry, again);
}

/** The network list: the early answer if nothing changed since, else a new call. */
export function takeNetworkList(again: () => Promise<List>): Promise<List> {
  const entry = list;
  list = null;
  if (!status) stopWatching();
  return take(entry, again);
}
