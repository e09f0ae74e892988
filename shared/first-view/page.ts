/**
 * The window's first view as static HTML (issue 17): the Connection Details bar, the Virtual
 * Networks tab with its toolbar and the network list, as React first paints them. The browser
 * shell writes it into the page before #root, so the list paints with the page's first HTML;
 * React builds its window hidden behind it (the style below) and removes it in the frame its
 * own list is ready (renderer app/server-view.ts). Until then it is a picture that keeps a
 * click (the row it selects), nothing more.
 *
 * Colours and type follow the window's MUI theme, light or dark as the system says (the
 * renderer's theme.test checks the palettes against createAppTheme).
 */
import type { NetworkSummary } from '../rpc/contract';
import { FIRST_VIEW_ELEMENT } from './ids';
import { ACTIVE_ICON, escapeHtml, firstListRows, ICON_SYMBOLS, INACTIVE_ICON, networkRowHtml } from './rows';

/** The window's theme preference, as its renderer keeps it (THEME_COOKIE). */
export type FirstViewTheme = 'light' | 'dark' | 'system';

/** The theme's colours the first view uses, as createAppTheme gives them. */
export interface FirstViewPalette {
  readonly text: string;
  readonly textSecondary: string;
  readonly background: string;
  readonly divider: string;
  readonly primary: string;
  readonly success: string;
  readonly error: string;
  readonly disabled: string;
  readonly hover: string;
  readonly selected: string;
}

export const FIRST_VIEW_PALETTES: Readonly<Record<'light' | 'dark', FirstViewPalette>> = {
  light: {
    text: 'rgba(0, 0, 0, 0.87)',
    textSecondary: 'rgba(0, 0, 0, 0.6)',
    background: '#fff',
    divider: 'rgba(0, 0, 0, 0.12)',
    primary: '#1976d2',
    success: '#2e7d32',
    error: '#d32f2f',
    disabled: 'rgba(0, 0, 0, 0.26)',
    hover: 'rgba(0, 0, 0, 0.04)',
    selected: 'rgba(25, 118, 210, 0.08)',
  },
  dark: {
    text: '#fff',
    textSecondary: 'rgba(255, 255, 255, 0.7)',
    background: '#121212',
    divider: 'rgba(255, 255, 255, 0.12)',
    primary: '#90caf9',
    success: '#66bb6a',
    error: '#f44336',
    disabled: 'rgba(255, 255, 255, 0.3)',
    hover: 'rgba(255, 255, 255, 0.08)',
    selected: 'rgba(144, 202, 249, 0.16)',
  },
};

const vars = (p: FirstViewPalette) =>
  `--t:${p.text};--t2:${p.textSecondary};--bg:${p.background};--div:${p.divider};--pri:${p.primary};` +
  `--ok:${p.success};--err:${p.error};--dis:${p.disabled};--hov:${p.hover};--sel:${p.selected}`;

const V = `#${FIRST_VIEW_ELEMENT}`;

/**
 * The layout; sizes are the theme's (fontSize 13: body1 14.857 px, caption 11.143 px, small buttons
 * 12.071 px) and the window's sx values. The style goes with the view when it is removed.
 */
/** The colours: the preference the window will follow, else the system's light or dark. */
function colours(theme: FirstViewTheme): string {
  if (theme !== 'system') return `:root{${vars(FIRST_VIEW_PALETTES[theme])}}`;
  return (
    `:root{${vars(FIRST_VIEW_PALETTES.light)}}` +
    `@media (prefers-color-scheme:dark){:root{${vars(FIRST_VIEW_PALETTES.dark)}}}`
  );
}

const LAYOUT = [
  'body{margin:0;background:var(--bg)}',
  // React's window is laid out (its tabs measure themselves) but not shown until it takes over.
  `${V}~#root{position:fixed;inset:0;visibility:hidden}`,
  `${V}{height:100vh;display:flex;flex-direction:column;background:var(--bg);color:var(--t);` +
    'font:400 14.857px/1.5 Roboto,Helvetica,Arial,sans-serif;letter-spacing:.00938em;' +
    '-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}',
  `${V} *{box-sizing:border-box}`,
  `${V} .fv-bar{display:flex;align-items:center;gap:16px;min-height:48px;padding:0 24px;` +
    'border-bottom:1px solid var(--div);flex-shrink:0}',
  `${V} h1{margin:0;font-size:14.857px;font-weight:600;line-height:1.75}`,
  `${V} .fv-tabs{flex:1;display:flex;min-height:40px}`,
  `${V} .fv-tab{display:flex;align-items:center;padding:12px 16px;min-height:40px;` +
    'font-weight:500;font-size:13px;line-height:1.25;letter-spacing:.02857em;color:var(--t2)}',
  `${V} .fv-tab.fv-on{color:var(--pri);box-shadow:inset 0 -2px var(--pri)}`,
  `${V} button{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;` +
    'padding:4px 5px;border-radius:6px;font:500 12.071px/1.75 Roboto,Helvetica,Arial,sans-serif;' +
    'letter-spacing:.02857em;color:var(--dis)}',
  `${V} button.fv-on{color:var(--pri)}`,
  `${V} button.fv-on.fv-err{color:var(--err)}`,
  `${V} button svg{width:18px;height:18px;margin:0 8px 0 -2px;fill:currentColor;flex-shrink:0}`,
  `${V} main{flex:1;min-height:0;display:flex;gap:12px;padding:12px}`,
  `${V} .fv-paper{border:1px solid var(--div);border-radius:6px;background:var(--bg);` +
    'display:flex;flex-direction:column;min-height:0}',
  `${V} .fv-list{width:300px}`,
  `${V} .fv-pane{flex:1;min-width:0}`,
  `${V} .fv-actions{display:grid;grid-template-columns:1fr 1fr;gap:4px;padding:8px;` +
    'border-bottom:1px solid var(--div)}',
  `${V} .fv-actions button{justify-content:flex-start}`,
  `${V} .fv-wide{grid-column:1/-1}`,
  `${V} [role=listbox]{overflow:auto;flex:1}`,
  `${V} .vnm-row{display:flex;align-items:center;gap:8px;padding:6px 16px;cursor:pointer;` +
    'outline:0;user-select:none;content-visibility:auto;contain-intrinsic-size:auto 52px}',
  `${V} .vnm-row:hover{background:var(--hov)}`,
  `${V} .vnm-row[aria-selected=true]{background:var(--sel)}`,
  `${V} .fv-defs{position:absolute;width:0;height:0}`,
  `${V} .vnm-row-icon{width:20px;height:20px;flex-shrink:0;fill:var(--t2)}`,
  `${V} .vnm-row-icon.vnm-active{fill:var(--ok)}`,
  `${V} .vnm-row-spark{flex-shrink:0}`,
  `${V} .vnm-row-text{flex:1;min-width:0}`,
  `${V} .vnm-row-name,${V} .vnm-row-desc{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}`,
  `${V} .vnm-row-name{margin:0;font-weight:500}`,
  `${V} .vnm-row-desc{font-size:11.143px;line-height:1.66;letter-spacing:.03333em;color:var(--t2)}`,
].join('');

/** Material icons of the bar and the toolbar (Add, PlayArrow, Stop, Delete, FileOpen, Hub, Settings). */
const ICONS = {
  add: 'M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6z',
  start: 'M8 5v14l11-7z',
  stop: 'M6 6h12v12H6z',
  delete: 'M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z',
  open: 'M14 2H6c-1.1 0-2 .9-2 2v16c0 1.1.89 2 1.99 2H15v-8h5V8zm-1 7V3.5L18.5 9zm4 12.66V16h5.66v2h-2.24l2.95 2.95-1.41 1.41L19 19.41v2.24h-2z',
  hub: 'M8.4 18.2c.38.5.6 1.12.6 1.8 0 1.66-1.34 3-3 3s-3-1.34-3-3 1.34-3 3-3c.44 0 .85.09 1.23.26l1.41-1.77c-.92-1.03-1.29-2.39-1.09-3.69l-2.03-.68c-.54.83-1.46 1.38-2.52 1.38-1.66 0-3-1.34-3-3s1.34-3 3-3 3 1.34 3 3c0 .07 0 .14-.01.21l2.03.68c.64-1.21 1.82-2.09 3.22-2.32V5.91C9.96 5.57 9 4.4 9 3c0-1.66 1.34-3 3-3s3 1.34 3 3c0 1.4-.96 2.57-2.25 2.91v2.16c1.4.23 2.58 1.11 3.22 2.32L18 9.71V9.5c0-1.66 1.34-3 3-3s3 1.34 3 3-1.34 3-3 3c-1.06 0-1.98-.55-2.52-1.37l-2.03.68c.2 1.29-.16 2.65-1.09 3.69l1.41 1.77Q17.34 17 18 17c1.66 0 3 1.34 3 3s-1.34 3-3 3-3-1.34-3-3c0-.68.22-1.3.6-1.8l-1.41-1.77c-1.35.75-3.01.76-4.37 0z',
  settings:
    'M19.14 12.94c.04-.3.06-.61.06-.94 0-.32-.02-.64-.07-.94l2.03-1.58c.18-.14.23-.41.12-.61l-1.92-3.32c-.12-.22-.37-.29-.59-.22l-2.39.96c-.5-.38-1.03-.7-1.62-.94l-.36-2.54c-.04-.24-.24-.41-.48-.41h-3.84c-.24 0-.43.17-.47.41l-.36 2.54c-.59.24-1.13.57-1.62.94l-2.39-.96c-.22-.08-.47 0-.59.22L2.74 8.87c-.12.21-.08.47.12.61l2.03 1.58c-.05.3-.09.63-.09.94s.02.64.07.94l-2.03 1.58c-.18.14-.23.41-.12.61l1.92 3.32c.12.22.37.29.59.22l2.39-.96c.5.38 1.03.7 1.62.94l.36 2.54c.05.24.24.41.48.41h3.84c.24 0 .44-.17.47-.41l.36-2.54c.59-.24 1.13-.56 1.62-.94l2.39.96c.22.08.47 0 .59-.22l1.92-3.32c.12-.22.07-.47-.12-.61zM12 15.6c-1.98 0-3.6-1.62-3.6-3.6s1.62-3.6 3.6-3.6 3.6 1.62 3.6 3.6-1.62 3.6-3.6 3.6',
} as const;

/**
 * A button as the window draws it. Disabled until React takes over (it cannot act yet);
 * `on` draws it as the window's enabled one.
 */
function button(label: string, icon: keyof typeof ICONS, on: boolean, extra = ''): string {
  const cls = [on ? 'fv-on' : '', extra].filter(Boolean).join(' ');
  return (
    `<button type="button" disabled${cls ? ` class="${cls}"` : ''}>` +
    `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS[icon]}"></path></svg>${escapeHtml(label)}</button>`
  );
}

/** The toolbar's buttons as NetworkToolbar enables them for the selected network. */
function actions(selected: NetworkSummary | null): string {
  const can = selected !== null;
  const active = selected?.active === true;
  return (
    '<div class="fv-actions" role="toolbar" aria-label="Network actions">' +
    button('Add network', 'add', true) +
    button('Start network', 'start', can && !active) +
    button('Stop network', 'stop', can && active) +
    button('Delete network', 'delete', can && !active, 'fv-err') +
    button('Define from XML…', 'open', true, 'fv-wide') +
    '</div>'
  );
}

/**
 * The whole first view for a connected window with these networks (vnmd's answer, unsorted),
 * in the colours of the window's theme preference.
 */
export function firstViewHtml(list: readonly NetworkSummary[], theme: FirstViewTheme = 'system'): string {
  const { rows, selected } = firstListRows(list);
  const current = selected ? rows.indexOf(selected) : -1;
  const items = rows
    .map((n, i) => networkRowHtml(n, n === selected, current === -1 ? i === 0 : i === current))
    .join('');
  return (
    `<div id="${FIRST_VIEW_ELEMENT}"><style>${colours(theme)}${LAYOUT}</style>` +
    '<svg class="fv-defs" aria-hidden="true">' +
    `<symbol id="${ICON_SYMBOLS.active}" viewBox="0 0 24 24"><path d="${ACTIVE_ICON}"></path></symbol>` +
    `<symbol id="${ICON_SYMBOLS.inactive}" viewBox="0 0 24 24"><path d="${INACTIVE_ICON}"></path></symbol></svg>` +
    '<div class="fv-bar"><h1>Connection Details</h1><div class="fv-tabs">' +
    '<span class="fv-tab">Overview</span><span class="fv-tab fv-on">Virtual Networks</span>' +
    '<span class="fv-tab">Host Interfaces</span></div>' +
    button('Connections', 'hub', true) +
    button('Preferences', 'settings', true) +
    '</div><main><div class="fv-paper fv-list">' +
    actions(selected) +
    `<div role="listbox" aria-label="Virtual networks">${items}</div></div>` +
    '<div class="fv-paper fv-pane"></div></main></div>'
  );
}
