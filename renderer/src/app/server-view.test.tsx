// @vitest-environment happy-dom
/**
 * The first view the browser shell serves (shared/first-view/page.ts) against the window's
 * own: the same rows, the theme's colours, and React taking its place without losing a click.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alpha } from '@mui/material/styles';
import { FIRST_VIEW_ELEMENT } from '@shared/first-view/ids';
import { FIRST_VIEW_PALETTES, firstViewHtml } from '@shared/first-view/page';
import { fakeNetworks } from '@/test/fake-data';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { useAppStore } from '@/stores/app-store';
import { App } from './app';
import { createAppTheme } from './theme';
import { removeServerView, watchServerView } from './server-view';
import { SERVED_VIEW_LONGEST_MS } from './first-view';

/** Serves the view as the shell does: before the element React renders into. */
function serve(): HTMLElement {
  document.body.insertAdjacentHTML('afterbegin', firstViewHtml(fakeNetworks()));
  const view = document.getElementById(FIRST_VIEW_ELEMENT);
  if (!view) throw new Error('no served view');
  watchServerView();
  return view;
}

/** The served row of a network. */
const served = (view: HTMLElement, name: string) =>
  [...view.querySelectorAll<HTMLElement>('[role="option"]')].find(
    (r) => r.querySelector('.vnm-row-name')?.textContent === name,
  );

/**
 * What a row shows and is called: its elements, classes, words, state icon, selection, Tab
 * stop, sparkline, and accessible name.
 */
function looks(row: Element) {
  const icon = row.querySelector('.vnm-row-icon');
  const symbol = icon?.querySelector('use')?.getAttribute('href');
  const path = symbol ? document.querySelector(`${symbol} path`) : icon?.querySelector('path');
  const labelledBy = row.getAttribute('aria-labelledby');
  return {
    role: row.getAttribute('role'),
    name: labelledBy ? document.getElementById(labelledBy)?.textContent : row.getAttribute('aria-label'),
    className: row.className,
    tabIndex: row.getAttribute('tabindex'),
    selected: row.getAttribute('aria-selected') === 'true',
    children: [...row.children].map((c) => c.tagName.toLowerCase()),
    icon: icon?.getAttribute('class'),
    path: path?.getAttribute('d'),
    text: [...(row.querySelector('.vnm-row-text')?.children ?? [])].map((c) => [
      c.tagName.toLowerCase(),
      c.className,
      c.textContent,
    ]),
    spark: row.querySelector('svg[width="64"][height="18"]') !== null,
  };
}

beforeEach(() => void freshFakeVnm());
afterEach(() => {
  cleanup();
  removeServerView();
});

describe('the served first view', () => {
  it('has the same rows as the window: elements, classes, words, selection and Tab stop', async () => {
    const view = serve();
    const theirs = [...view.querySelectorAll('[role="option"]')].map(looks);
    removeServerView();
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    await waitFor(() => expect(useAppStore.getState().selected).toBe('default'));
    const own = screen.getAllByRole('option').map(looks);
    expect(theirs).toEqual(own);
    expect(own.filter((r) => r.spark)).toHaveLength(3);
  });

  it('is replaced by the window once its list is ready, keeping a network clicked meanwhile', async () => {
    const view = serve();
    const lab = served(view, 'lab');
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
    served(view, 'dmz')?.focus();
    render(<App />);
    await waitFor(() => expect(document.getElementById(FIRST_VIEW_ELEMENT)).toBeNull());
    expect(document.activeElement?.id).toBe('network-7a3b1c2d-0000-4000-8000-000000000002');
  });
});

describe('a list vnmd does not answer', () => {
  it('leaves React’s own window in the served view’s place after a while', async () => {
    const fake = freshFakeVnm();
    const invoke = fake.invoke.bind(fake);
    fake.invoke = (call, params) =>
      call === 'listNetworks' ? new Promise(() => undefined) : invoke(call, params);
    serve();
    render(<App />);
    await new Promise((resolve) => setTimeout(resolve, SERVED_VIEW_LONGEST_MS / 2));
    expect(document.getElementById(FIRST_VIEW_ELEMENT)).not.toBeNull();
    await waitFor(() => expect(document.getElementById(FIRST_VIEW_ELEMENT)).toBeNull(), {
      timeout: SERVED_VIEW_LONGEST_MS * 2,
    });
    expect(screen.getByRole('toolbar', { name: 'Network actions' })).toBeTruthy();
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
