// @vitest-environment happy-dom
/**
 * The first view the browser shell serves (shared/first-view/page.ts) against the window's
 * own: the same rows, the theme's colours, and React taking its place without losing a click.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alpha } from '@mui/material/styles';
import { FIRST_VIEW_ELEMENT, FIRST_VIEW_ID_PREFIX } from '@shared/first-view/ids';
import { FIRST_VIEW_PALETTES, firstViewHtml } from '@shared/first-view/page';
import { fakeNetworks } from '@/test/fake-data';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { useAppStore } from '@/stores/app-store';
import { App } from './app';
import { createAppTheme } from './theme';
import { removeServerView, watchServerView } from './server-view';

/** Serves the view as the shell does: before the element React renders into. */
function serve(): HTMLElement {
  document.body.insertAdjacentHTML('afterbegin', firstViewHtml(fakeNetworks()));
  const view = document.getElementById(FIRST_VIEW_ELEMENT);
  if (!view) throw new Error('no served view');
  watchServerView();
  return view;
}

/** A row as a node to compare: ids unprefixed, adjacent text merged, the sparkline left out. */
function comparable(row: Element): Node {
  const copy = row.cloneNode(true) as Element;
  for (const el of [copy, ...copy.querySelectorAll('[id],[aria-labelledby],[aria-describedby]')])
    for (const attr of ['id', 'aria-labelledby', 'aria-describedby']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, v.replaceAll(FIRST_VIEW_ID_PREFIX, ''));
    }
  for (const spark of copy.querySelectorAll('svg[width]')) spark.remove();
  copy.normalize();
  return copy;
}

beforeEach(() => void freshFakeVnm());
afterEach(() => {
  cleanup();
  removeServerView();
});

describe('the served first view', () => {
  it('has the same rows as the window: elements, classes, words, selection and Tab stop', async () => {
    const view = serve();
    const served = [...view.querySelectorAll('[role="option"]')];
    removeServerView();
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    await waitFor(() => expect(useAppStore.getState().selected).toBe('default'));
    const own = screen.getAllByRole('option');
    expect(served).toHaveLength(own.length);
    own.forEach((row, i) => {
      const mine = comparable(row);
      const theirs = comparable(served[i]!);
      expect((theirs as Element).outerHTML).toBe((mine as Element).outerHTML);
    });
    // Running networks have a sparkline box of the same size in both.
    expect(served.map((r) => r.querySelector('svg[width="64"][height="18"]') !== null)).toEqual(
      own.map((r) => r.querySelector('svg[width="64"][height="18"]') !== null),
    );
  });

  it('is replaced by the window once its list is ready, keeping a network clicked meanwhile', async () => {
    const view = serve();
    const lab = view.querySelector(`#${FIRST_VIEW_ID_PREFIX}network-7a3b1c2d-0000-4000-8000-000000000003`);
    (lab as HTMLElement).click();
    expect(lab?.getAttribute('aria-selected')).toBe('true');
    expect(view.querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
    render(<App />);
    await screen.findByRole('option', { name: 'lab' });
    await waitFor(() => expect(document.getElementById(FIRST_VIEW_ELEMENT)).toBeNull());
    expect(useAppStore.getState().selected).toBe('lab');
    expect(screen.getAllByRole('option')).toHaveLength(fakeNetworks().length);
  });

  it('gives focus to the window’s row when a served row had it', async () => {
    const view = serve();
    const dmz = view.querySelector<HTMLElement>(
      `#${FIRST_VIEW_ID_PREFIX}network-7a3b1c2d-0000-4000-8000-000000000002`,
    );
    dmz?.focus();
    render(<App />);
    await waitFor(() => expect(document.getElementById(FIRST_VIEW_ELEMENT)).toBeNull());
    expect(document.activeElement?.id).toBe('network-7a3b1c2d-0000-4000-8000-000000000002');
  });
});

describe('the theme preference', () => {
  it('is shared with the browser shell in a cookie, so the served view has its colours', () => {
    useAppStore.getState().setTheme('dark');
    expect(document.cookie).toContain('vnm_theme=dark');
    useAppStore.getState().setTheme('system');
    expect(document.cookie).toContain('vnm_theme=system');
  });
});

describe.each(['light', 'dark'] as const)('the served view’s %s colours', (mode) => {
  it('are the theme’s', () => {
    const { palette } = createAppTheme(mode);
    expect(FIRST_VIEW_PALETTES[mode]).toEqual({
      text: palette.text.primary,
      textSecondary: palette.text.secondary,
      background: palette.background.paper,
      divider: palette.divider,
      primary: palette.primary.main,
      success: palette.success.main,
      error: palette.error.main,
      disabled: palette.action.disabled,
      hover: palette.action.hover,
      selected: alpha(palette.primary.main, palette.action.selectedOpacity),
    });
    expect(palette.background.default).toBe(palette.background.paper);
  });
});
