// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '@shared/api/contract';
import { resetAppStore, useAppStore } from '@/stores/app-store';
import { ConnectionBanner } from './connection-banner';

const uri = 'unix:/run/vnm/vnmd.sock';
const refused = 'failed to connect to vnmd at /run/vnm/vnmd.sock: ECONNREFUSED';

function show(status: ConnectionStatus): string {
  act(() => useAppStore.getState().setConnection(status));
  return screen.queryByRole('status')?.textContent ?? '';
}

beforeEach(() => {
  resetAppStore();
  render(<ConnectionBanner />);
});
afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('says the connection is lost, why, and that it reconnects by itself', () => {
    const text = show({ state: 'lost', uri, reason: 'vnmd closed the connection', attempt: 1 });
    expect(text).toContain('Connection to vnmd lost');
    expect(text).toContain('vnm reconnects by itself');
    expect(text).toContain('Cause: vnmd closed the connection.');
  });

  it('counts the failed tries while reconnecting, with the last error', () => {
    expect(show({ state: 'reconnecting', uri, reason: refused, attempt: 2 })).toContain(
      `Tried 1 time so far; last error: ${refused}.`,
    );
    expect(show({ state: 'reconnecting', uri, reason: refused, attempt: 4 })).toContain('Tried 3 times');
  });

  it('only says it is connecting before the first connection', () => {
    const text = show({ state: 'connecting', uri });
    expect(text).toContain('Connecting to vnmd…');
    expect(text).not.toContain('lost');
  });

  it('is gone once connected', () => {
    show({ state: 'lost', uri, reason: 'vnmd closed the connection', attempt: 1 });
    expect(show({ state: 'connected', uri })).toBe('');
  });

  it('says "not connected yet", not "lost", when vnmd was never reached, with the tries so far', () => {
    const text = show({ state: 'connecting', uri, reason: refused, attempt: 2 });
    expect(text).toContain('Not connected to vnmd yet');
    expect(text).toContain('check that vnmd is running');
    expect(text).toContain(`Tried 2 times so far; last error: ${refused}.`);
    expect(text).not.toContain('lost');
  });

  it('says vnmd refuses this account, not to check that it runs, when the socket denied access', () => {
    const denied =
      'permission denied on /run/vnm/vnmd.sock: you are not in group vnm, whose members may manage networks. ' +
      'Join it with `sudo usermod -aG vnm $USER`, then log out and in again.';
    const text = show({ state: 'connecting', uri, reason: denied, attempt: 3, denied: true });
    expect(text).toContain('No access to vnmd');
    expect(text).toContain('vnmd is running, but this account may not use it');
    expect(text).toContain(`Cause: ${denied}`);
    expect(text).not.toContain('check that vnmd is running');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says why a connection failed and offers Connect, with no progress bar', () => {
    const text = show({ state: 'failed', uri: 'vnm+ssh://ops@lab1/system', reason: 'ssh refused the key' });
    expect(text).toContain('Could not connect');
    expect(text).toContain('Cause: ssh refused the key.');
    expect(screen.getByRole('button', { name: 'Connect' })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(show({ state: 'disconnected', uri: 'vnm+ssh://ops@lab1/system' })).toContain(
      'Press Connect to open it',
    );
  });
});
