// @vitest-environment happy-dom
/** Ctrl+N and F5 in the window itself, so the browser shell (no menu) has them too. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from './app';
import { shortcutFor } from './shortcuts';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('window shortcuts', () => {
  it('maps Ctrl+N to the wizard and F5 to a refresh, and nothing else', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }))).toEqual({ type: 'new-network' });
    expect(shortcutFor(key('N', { metaKey: true }))).toEqual({ type: 'new-network' });
    expect(shortcutFor(key('o', { ctrlKey: true }))).toEqual({ type: 'define-xml' });
    expect(shortcutFor(key('F5'))).toEqual({ type: 'refresh' });
    expect(shortcutFor(key('n'))).toBeNull();
    expect(shortcutFor(key('n', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(key('w', { ctrlKey: true }))).toBeNull();
  });

  it('opens the wizard on Ctrl+N', async () => {
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(await screen.findByRole('dialog', { name: 'Create a new virtual network' })).toBeTruthy();
  });

  it('reads vnmd again on F5, keeping the selection', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('option', { name: 'lab' }));
    const before = fake.calls.filter((c) => c.call === 'listNetworks').length;
    fireEvent.keyDown(window, { key: 'F5' });
    await waitFor(() => expect(fake.calls.filter((c) => c.call === 'listNetworks').length).toBe(before + 1));
    expect(screen.getByRole('option', { name: 'lab' }).getAttribute('aria-selected')).toBe('true');
  });

  it('does nothing while not connected, as Add network is disabled then', async () => {
    fake.status = { state: 'connecting', uri: 'unix:/fake', reason: 'ECONNREFUSED', attempt: 1 };
    render(<App />);
    await screen.findByText('Not connected to vnmd yet');
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
