/**
 * The network list's rows as HTML, for the page the browser shell serves (issue 17): rows
 * that look as the window's rows do (renderer network-list.tsx, checked by
 * server-view.test.tsx), so they paint with the page's first HTML and React's rows then
 * replace them without a visible change. Names are user input: everything written into
 * the page goes through escapeHtml.
 */
import type { NetworkSummary } from '../rpc/contract';
import { kindLabel, stateLabel } from '../format/network-labels';

/** The state icons' paths (Material's PlayCircle and StopCircleOutlined), drawn in plain SVG. */
export const ACTIVE_ICON =
  'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2M9.5 16.5v-9l7 4.5z';
export const INACTIVE_ICON =
  'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m0 18c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8m4-4H8V8h8z';

/** The sparkline's box in a running network's row (renderer sparkline.tsx). */
export const SPARKLINE_WIDTH = 64;
export const SPARKLINE_HEIGHT = 18;

/** The list's order: by name, as the window sorts it. */
export const byName = (a: NetworkSummary, b: NetworkSummary): number => a.name.localeCompare(b.name);

/** The DOM id of a network's row, by UUID: a name may hold characters an id should not. */
export function rowId(n: Pick<NetworkSummary, 'uuid'>): string {
  return `network-${n.uuid}`;
}

/** Text for HTML content and quoted attribute values: nothing in it can open a tag or close a quote. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The row's second line: state, mode, and what else the row says. */
export function rowDescription(n: NetworkSummary): string {
  return (
    `${stateLabel(n)} · ${kindLabel(n.kind)}` +
    (n.persistent ? '' : ' · transient') +
    (n.problem ? ` · ${n.problem}` : '')
  );
}

/** The ids of the state icons' symbols, which the served view defines once (page.ts). */
export const ICON_SYMBOLS = { active: 'vnm-first-active', inactive: 'vnm-first-inactive' } as const;

/**
 * One served row: React's row as it looks (its elements, classes, words, selection and Tab
 * stop), in fewer bytes, as the page must arrive in one piece to paint in one frame. The
 * icon is drawn from a symbol the view defines once; ids, and the aria references that
 * need them, are React's alone (a served row's aria-label gives it the same name).
 */
export function networkRowHtml(n: NetworkSummary, selected: boolean, tabStop: boolean): string {
  const spark = n.active
    ? `<svg class="vnm-row-spark" width="${SPARKLINE_WIDTH}" height="${SPARKLINE_HEIGHT}"></svg>`
    : '';
  const icon = n.active ? ICON_SYMBOLS.active : ICON_SYMBOLS.inactive;
  const name = escapeHtml(n.name);
  return (
    `<div role="option" class="vnm-row" tabindex="${tabStop ? 0 : -1}" aria-label="${name}"` +
    `${selected ? ' aria-selected="true"' : ''}>` +
    `<svg class="${n.active ? 'vnm-row-icon vnm-active' : 'vnm-row-icon'}"><use href="#${icon}"></use></svg>` +
    `<div class="vnm-row-text"><p class="vnm-row-name">${name}</p>` +
    `<div class="vnm-row-desc">${escapeHtml(rowDescription(n))}</div></div>${spark}</div>`
  );
}

/** The first view's list as the window first shows it: sorted, vnmd's first network selected. */
export function firstListRows(list: readonly NetworkSummary[]): {
  readonly rows: readonly NetworkSummary[];
  readonly selected: NetworkSummary | null;
} {
  return { rows: [...list].sort(byName), selected: list[0] ?? null };
}
