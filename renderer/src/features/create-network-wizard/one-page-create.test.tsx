// @vitest-environment happy-dom
/**
 * One-page create against the FAKE vnmd (src/test/fake-vnm-api.ts): the first page holds a
 * default NAT network's values, and Finish there defines, starts and autostarts it. The
 * real vnmd is driven by e2e/specs/create-network-one-page.spec.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const wizard = () => screen.getByRole('dialog', { name: 'Create a new virtual network' });
const textbox = (name: string) => within(wizard()).getByRole<HTMLInputElement>('textbox', { name });
const button = (name: string) => within(wizard()).getByRole<HTMLButtonElement>('button', { name });
const type = (name: string, value: string) => fireEvent.change(textbox(name), { target: { value } });

async function openWizard() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' });
  fireEvent.click(screen.getByRole('button', { name: 'Add network' }));
  await waitFor(() => expect(textbox('Name').value).toBe('network'));
}

describe('one-page create', () => {
  it('shows the proposed subnet and DHCP range on the first page, and Finish there creates and starts it', async () => {
    await openWizard();
    within(wizard()).getByRole('group', { name: 'Name and mode' });
    expect(textbox('Network').value).toBe('192.168.100.0/24');
    expect([textbox('DHCP start').value, textbox('DHCP end').value]).toEqual([
      '192.168.100.128',
      '192.168.100.254',
    ]);
    expect(button('Next').disabled).toBe(false);
    type('Name', 'devnet');
    await waitFor(() => expect(button('Finish').disabled).toBe(false));
    fireEvent.click(button('Finish'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    const order = fake.calls.map((c) => c.call).filter((c) => /define|start|Autostart/.test(c));
    expect(order).toEqual(['defineNetwork', 'startNetwork', 'setAutostart']);
    const define = fake.calls.find((c) => c.call === 'defineNetwork')?.params as { xml: string };
    expect(define.xml).toContain("<forward mode='nat'");
    expect(define.xml).toContain("<range start='192.168.100.128' end='192.168.100.254'");
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'devnet' }).getAttribute('aria-selected')).toBe('true'),
    );
  });

  it('disables Finish and Next while a first-page field is wrong, and says why under it', async () => {
    await openWizard();
    type('Network', '192.168.100.0/31');
    expect(button('Finish').disabled).toBe(true);
    expect(button('Next').disabled).toBe(true);
    expect(textbox('Network').getAttribute('aria-invalid')).toBe('true');
    expect(wizard().textContent).toContain('Use a prefix from /8 to /30');
    type('Network', '10.77.0.0/24');
    expect(textbox('DHCP start').value).toBe('10.77.0.128');
    expect(button('Finish').disabled).toBe(false);
  });

  it('names a problem on another step that holds Finish back, and Finish works again once it is fixed', async () => {
    await openWizard();
    fireEvent.click(button('Next'));
    type('Gateway', '192.168.100.255');
    fireEvent.click(button('Back'));
    expect(button('Finish').disabled).toBe(true);
    expect(button('Next').disabled).toBe(false);
    const note = within(wizard()).getByText(/Finish waits for this on other steps/);
    expect(note.textContent).toContain('IPv4: ');
    expect(note.textContent).toContain('broadcast');
    fireEvent.click(button('Next'));
    type('Gateway', '192.168.100.1');
    fireEvent.click(button('Back'));
    expect(within(wizard()).queryByText(/Finish waits for/)).toBeNull();
    expect(button('Finish').disabled).toBe(false);
  });

  it('hides the IPv4 fields for Bridge mode, which has no addresses of vnm’s', async () => {
    await openWizard();
    fireEvent.click(within(wizard()).getByRole('radio', { name: 'Bridge' }));
    expect(within(wizard()).queryByRole('textbox', { name: 'Network' })).toBeNull();
    fireEvent.click(within(wizard()).getByRole('radio', { name: 'NAT' }));
    expect(textbox('Network').value).toBe('192.168.100.0/24');
  });
});
