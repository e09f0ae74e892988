/**
 * The first view the browser shell served in the page (shared/first-view/page.ts): the list
 * painted before any script. It stays until React's own first view is ready (first-view.ts),
 * then goes in the same frame. A click on a served row meanwhile selects it, and the window
 * keeps that selection and the row's focus. In Electron (pages from files) there is none.
 */
import { FIRST_VIEW_ELEMENT } from '@shared/first-view/ids';

let picked: string | null = null;

/** Keeps what a click on the served rows picks (main.tsx calls it before loading React). */
export function watchServerView(): void {
  const view = document.getElementById(FIRST_VIEW_ELEMENT);
  view?.addEventListener('click', (e) => {
    const row = e.target instanceof Element ? e.target.closest('[role="option"]') : null;
    if (!row) return;
    for (const r of view.querySelectorAll('[aria-selected="true"]')) r.setAttribute('aria-selected', 'false');
    row.setAttribute('aria-selected', 'true');
    picked = row.querySelector('.vnm-row-name')?.textContent ?? null;
  });
}

/** What the person did on the served view before it went. */
export interface ServerViewLeft {
  /** The network a click picked, if any. */
  readonly picked: string | null;
  /** The network whose served row had focus, if one had. */
  readonly focused: string | null;
}

/** Removes the served view, if there is one. */
export function removeServerView(): ServerViewLeft {
  const view = document.getElementById(FIRST_VIEW_ELEMENT);
  const left: ServerViewLeft = { picked, focused: null };
  picked = null;
  if (!view) return left;
  const active = document.activeElement;
  const focused =
    active && view.contains(active) ? (active.querySelector('.vnm-row-name')?.textContent ?? null) : null;
  view.remove();
  return { ...left, focused };
}
