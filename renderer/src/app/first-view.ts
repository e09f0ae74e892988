/**
 * The window paints the network list first (issue 17: the list with 200 networks within 2× of
 * a static page with the same rows). What that paint does not need — the selected network's
 * pane, the dialogs, the other main tabs — is in chunks of its own, loaded and mounted from
 * the frame after the list (or the reason there is none) is on screen (ui/deferred.tsx).
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { useAppStore } from '@/stores/app-store';
import type { AppState } from '@/stores/types';
import { rowId } from '@shared/first-view/rows';
import { removeServerView } from './server-view';

/** The longest the deferred parts wait for an idle moment after the first view is painted. */
const IDLE_WAIT_MS = 300;

/** The first view has all it will show: the list, an error, or a connection that is not up. */
export function firstViewReady(s: AppState): boolean {
  return s.networksLoaded || s.errors.length > 0 || (s.connectionKnown && s.connection.state !== 'connected');
}

/** Sets firstViewPainted in the frame after the first view is ready; the App calls it once. */
export function useMarkFirstViewPainted(): void {
  const ready = useAppStore(firstViewReady);
  const painted = useAppStore((s) => s.firstViewPainted);
  useEffect(() => {
    if (!ready || painted) return;
    // A timer queued from an animation frame runs once that frame is painted; from there the
    // deferred parts wait for the main thread to be idle (what the list's answers brought,
    // the host facts and findings, renders first), at most IDLE_WAIT_MS.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle: number | undefined;
    const mark = () => useAppStore.getState().setFirstViewPainted();
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (typeof requestIdleCallback === 'function')
          idle = requestIdleCallback(mark, { timeout: IDLE_WAIT_MS });
        else mark();
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [ready, painted]);
}

/**
 * The longest the served view stays once React's window is built: if vnmd does not answer the
 * list, React's own window (which says it is loading, and whose buttons work) is better than a
 * picture of the list.
 */
export const SERVED_VIEW_LONGEST_MS = 3000;

/**
 * The window takes the place of the first view the browser shell served, in the frame its own
 * is ready (a layout effect runs before that frame is painted): no frame shows neither, or
 * both. A network picked on the served rows stays picked, and keeps focus if its row had it.
 */
export function useTakeOverServerView(): void {
  const ready = useAppStore(firstViewReady);
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), SERVED_VIEW_LONGEST_MS);
    return () => clearTimeout(timer);
  }, []);
  useLayoutEffect(() => {
    if (!ready && !late) return;
    const { picked, focused } = removeServerView();
    const s = useAppStore.getState();
    if (picked && s.networks.some((n) => n.name === picked)) s.navigate({ kind: 'select', network: picked });
    const row = s.networks.find((n) => n.name === focused);
    if (row) document.getElementById(rowId(row))?.focus();
  }, [ready, late]);
}
