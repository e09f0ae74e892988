// @vitest-environment happy-dom
/** The window opened before vnmd is up: it says so, and shows nothing it does not know. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from './app';

let fake: FakeVnmBridge;
const refused = 'failed to connect to vnmd at /run/vnm/vnmd.sock: ECONNREFUSED';

beforeEach(() => {
  fake = freshFakeVnm();
  fake.status = { state: 'connecting', uri: 'unix:/run/vnm/vnmd.sock', reason: refused, attempt: 1 };
});
afterEach(cleanup);

/** The description list's value beside a label (Fact renders "Label:" then the value). */
function factValue(label: string): string {
  return screen.getByText(`${label}:`).nextElementSibling?.textContent ?? '';
}

describe('a window opened before vnmd is up', () => {
  it('says it is not connected yet, never that the connection was lost', async () => {
    render(<App />);
    const banner = await screen.findByRole('status');
    expect(banner.textContent).toContain('Not connected to vnmd yet');
    expect(banner.textContent).not.toContain('lost');
  });

  it('does not point to Add network while Add network cannot be pressed', async () => {
    render(<App />);
    await screen.findByText('Not connected to vnmd yet');
    expect(screen.getByRole('button', { name: 'Add network' })).toHaveProperty('disabled', true);
    expect(screen.queryByText(/add one with Add network/)).toBeNull();
    expect(screen.getByText(/Networks can be added once vnm is connected to vnmd/)).toBeTruthy();
  });

  it('shows host facts and counts as unknown, not as "not found" or "0 networks"', async () => {
    render(<App />);
    await screen.findByText('Not connected to vnmd yet');
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    // Overview is a chunk loaded after the first view is painted: wait for it.
    await screen.findByText('dnsmasq:');
    for (const label of ['dnsmasq', 'nftables', 'Hostname', 'IPv4 forwarding', 'Statistics']) {
      expect(factValue(label)).toBe('unknown');
    }
    expect(factValue('Virtual networks')).toBe('unknown');
    expect(factValue('Host interfaces')).toBe('unknown');
    expect(screen.queryByText('not found')).toBeNull();
  });

  it('fills the facts in once vnmd answers', async () => {
    render(<App />);
    await screen.findByText('Not connected to vnmd yet');
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    act(() => fake.setConnection({ state: 'connected', uri: 'unix:/run/vnm/vnmd.sock' }));
    await screen.findByText(fake.host.hostname);
    expect(factValue('Virtual networks')).toMatch(/^\d+ \(\d+ active, \d+ inactive\)$/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
