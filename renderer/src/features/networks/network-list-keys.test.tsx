// @vitest-environment happy-dom
/** The network list by keyboard: one Tab stop, arrows move focus and selection, Enter opens. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from '@/app/app';
import { stepTarget } from './list-keys';

beforeEach(() => void freshFakeVnm());
afterEach(cleanup);

const tabStops = () => screen.getAllByRole('option').filter((o) => o.tabIndex === 0);
const selectedName = () =>
  screen
    .getAllByRole('option')
    .find((o) => o.getAttribute('aria-selected') === 'true')
    ?.querySelector('p')?.textContent;

async function renderList() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' });
  await waitFor(() => expect(selectedName()).toBe('default'));
}

describe('network list keyboard', () => {
  it('has one Tab stop, the selected row', async () => {
    await renderList();
    expect(tabStops().map((o) => o.textContent?.startsWith('default'))).toEqual([true]);
  });

  it('moves focus and selection together with the arrows, Home and End', async () => {
    await renderList();
    const list = screen.getByRole('listbox', { name: 'Virtual networks' });
    screen.getByRole('option', { name: 'default' }).focus();
    fireEvent.keyDown(document.activeElement ?? list, { key: 'ArrowDown' });
    await waitFor(() => expect(selectedName()).toBe('dmz'));
    expect(document.activeElement).toBe(screen.getByRole('option', { name: 'dmz' }));
    expect(tabStops()).toEqual([screen.getByRole('option', { name: 'dmz' })]);
    fireEvent.keyDown(document.activeElement ?? list, { key: 'End' });
    const last = screen.getAllByRole('option').at(-1);
    await waitFor(() => expect(document.activeElement).toBe(last));
    expect(last?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement ?? list, { key: 'Home' });
    await waitFor(() => expect(selectedName()).toBe('default'));
    expect(document.activeElement).toBe(screen.getByRole('option', { name: 'default' }));
  });

  it('opens the selected network with Enter: focus moves to its sub-tabs', async () => {
    await renderList();
    // The sub-tabs are a chunk mounted after the list is painted: Enter needs them there.
    await screen.findByRole('tab', { name: 'Details' });
    screen.getByRole('option', { name: 'default' }).focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Details' }));
  });

  it('stops at the ends and ignores other keys', () => {
    expect(stepTarget('ArrowDown', 4, 5)).toBe(4);
    expect(stepTarget('ArrowUp', 0, 5)).toBe(0);
    expect(stepTarget('ArrowDown', -1, 5)).toBe(0);
    expect(stepTarget('ArrowDown', 0, 0)).toBeNull();
    expect(stepTarget('a', 1, 5)).toBeNull();
  });
});
