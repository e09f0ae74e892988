// @vitest-environment happy-dom
/** A short confirmation naming the network after Start, Stop, Delete and Apply; none on failure. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from './app';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const confirmation = () => screen.findByRole('status');
const option = (name: string) => screen.findByRole('option', { name });
const button = (name: string) => screen.getByRole('button', { name });

describe('confirmation snackbar', () => {
  it('says the network started, then stopped', async () => {
    render(<App />);
    fireEvent.click(await option('lab'));
    fireEvent.click(button('Start network'));
    expect((await confirmation()).textContent).toContain('Network lab started.');
    await waitFor(() => expect(button('Stop network')).toHaveProperty('disabled', false));
    fireEvent.click(button('Stop network'));
    await waitFor(async () => expect((await confirmation()).textContent).toContain('Network lab stopped.'));
  });

  it('says the network was deleted, after the confirmation dialog', async () => {
    render(<App />);
    fireEvent.click(await option('lab'));
    fireEvent.click(button('Delete network'));
    const dialog = await screen.findByRole('dialog', { name: 'Delete network lab?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await confirmation()).textContent).toContain('Network lab deleted.');
  });

  it('says the changes were applied', async () => {
    render(<App />);
    const domain = await screen.findByRole('textbox', { name: 'Domain' });
    await waitFor(() => expect((domain as HTMLInputElement).value).toBe('default.lan'));
    // The domain of the running default takes effect at its next start: Apply saves it.
    fireEvent.change(domain, { target: { value: 'other.lan' } });
    fireEvent.click(button('Apply (next start)'));
    expect((await confirmation()).textContent).toContain('Changes to network default applied.');
  });

  it('says nothing when the action failed (the error dialog does)', async () => {
    render(<App />);
    fireEvent.click(await option('lab'));
    fake.failures.set('startNetwork', { kind: 'conflict', message: 'Subnet in use; pick another.' });
    fireEvent.click(button('Start network'));
    await screen.findByRole('dialog', { name: 'Could not start network lab' });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
