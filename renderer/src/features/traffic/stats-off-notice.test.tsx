// @vitest-environment happy-dom
/** Statistics off shows on the charts and where it is turned off, saying whom it affects. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { useAppStore } from '@/stores/app-store';
import { App } from '@/app/app';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const SCOPE = /Statistics are off for every window connected to this vnmd/;

describe('statistics off', () => {
  it('is said in Preferences when turned off, and on the Traffic and Overview charts', async () => {
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    await waitFor(() => expect(useAppStore.getState().hostInfo).not.toBeNull());
    fireEvent.click(await screen.findByRole('tab', { name: 'Traffic' }));
    expect(screen.queryByText(SCOPE)).toBeNull();

    openPreferences();
    const prefs = await screen.findByRole('dialog', { name: 'Preferences' });
    expect(prefs.textContent).toMatch(/for every window connected to this vnmd/);
    fireEvent.click(within(prefs).getByRole('switch', { name: 'Collect traffic statistics' }));
    expect(await within(prefs).findByText(SCOPE)).toBeTruthy();
    expect(fake.host.statsInterval).toBe(0);
    fireEvent.click(within(prefs).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const panel = screen.getByRole('tabpanel', { name: 'Traffic' });
    expect(within(panel).getByText(/these charts do not move/).textContent).toMatch(SCOPE);
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByText(/these charts do not move/)).toBeTruthy();
  });
});

function openPreferences() {
  fireEvent.click(screen.getByRole('button', { name: 'Preferences' }));
}
