// @vitest-environment happy-dom
/**
 * The Details sub-tab in the whole window against the FAKE vnmd (src/test/fake-vnm-api.ts):
 * what it shows of lab's XML, what Apply defines, what blocks Apply, and the prompt on
 * leaving. The real vnmd is driven by e2e/specs/network-details.spec.ts.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const defined = () =>
  fake.calls.filter((c) => c.call === 'defineNetwork').map((c) => (c.params as { xml: string }).xml);
const region = (name: string) => screen.getByRole('region', { name });
const ipv4 = () => region('IPv4 configuration');
const textbox = (within_: HTMLElement, name: string) =>
  within(within_).getByRole<HTMLInputElement>('textbox', { name });
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const applyButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Apply' });

async function openDetails(network: string) {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name: network }));
  await waitFor(() => expect(textbox(ipv4(), 'Gateway').value).toBe('192.168.122.1'));
}

describe('Details', () => {
  it('shows the network, the DHCP range, the forwarding and the static hosts from the XML', async () => {
    await openDetails('lab');
    expect(textbox(ipv4(), 'Prefix length').value).toBe('24');
    expect(textbox(ipv4(), 'DHCP start').value).toBe('192.168.122.2');
    expect(textbox(ipv4(), 'DHCP end').value).toBe('192.168.122.254');
    expect(within(ipv4()).getByText(/Network 192\.168\.122\.0\/24/)).toBeTruthy();
    expect(textbox(ipv4(), 'Host 1 MAC address').value).toBe('52:54:00:12:34:50');
    expect(textbox(ipv4(), 'Host 1 Host name').value).toBe('guest1');
    const mode = within(region('Forwarding')).getByRole<HTMLSelectElement>('combobox', {
      name: 'Forwarding mode',
    });
    expect(mode.value).toBe('isolated');
    expect(
      within(region('IPv6 configuration')).getByRole<HTMLInputElement>('checkbox', { name: 'Enable IPv6' })
        .checked,
    ).toBe(false);
    expect(applyButton().disabled).toBe(true);
  });

  it('applies a new DHCP range and an added host, keeping the rest of the XML', async () => {
    await openDetails('lab');
    type(textbox(ipv4(), 'DHCP start'), '192.168.122.100');
    type(textbox(ipv4(), 'DHCP end'), '192.168.122.199');
    fireEvent.click(within(ipv4()).getByRole('button', { name: 'Add host' }));
    type(textbox(ipv4(), 'Host 2 MAC address'), '52:54:00:AB:CD:EF');
    type(textbox(ipv4(), 'Host 2 Host name'), 'web');
    type(textbox(ipv4(), 'Host 2 IP address'), '192.168.122.20');
    fireEvent.click(applyButton());
    await waitFor(() => expect(defined()).toHaveLength(1));
    const xml = defined()[0]!;
    expect(xml).toContain("<range start='192.168.122.100' end='192.168.122.199'/>");
    expect(xml).toContain("<host mac='52:54:00:12:34:50' name='guest1' ip='192.168.122.10'/>");
    expect(xml).toContain("<host mac='52:54:00:ab:cd:ef' name='web' ip='192.168.122.20'/>");
    expect(xml).toContain("<mac address='52:54:00:0a:0b:0c'/>");
    expect(xml).toContain("<domain name='lab.lan'/>");
    await waitFor(() => expect(applyButton().disabled).toBe(true));
    expect(textbox(ipv4(), 'DHCP start').value).toBe('192.168.122.100');
  });

  it('keeps an edit but holds Apply while vnmd is away, and applies it once it is back', async () => {
    await openDetails('lab');
    type(textbox(ipv4(), 'DHCP start'), '192.168.122.100');
    const status = fake.status;
    act(() => fake.setConnection({ ...status, state: 'lost', reason: 'vnmd went away' }));
    await waitFor(() => expect(applyButton().disabled).toBe(true));
    expect(screen.getByText(/Apply works again when it is back/)).toBeTruthy();
    expect(textbox(ipv4(), 'DHCP start').value).toBe('192.168.122.100');
    act(() => fake.setConnection(status));
    await waitFor(() => expect(applyButton().disabled).toBe(false));
    fireEvent.click(applyButton());
    await waitFor(() => expect(defined()).toHaveLength(1));
    expect(defined()[0]).toContain("<range start='192.168.122.100'");
  });

  it('removes a static host and changes the forwarding', async () => {
    await openDetails('lab');
    fireEvent.click(within(ipv4()).getByRole('button', { name: 'Remove host 1' }));
    const forwarding = region('Forwarding');
    fireEvent.change(within(forwarding).getByRole('combobox', { name: 'Forwarding mode' }), {
      target: { value: 'nat' },
    });
    fireEvent.change(within(forwarding).getByRole('combobox', { name: 'Forward device' }), {
      target: { value: 'eth0' },
    });
    fireEvent.click(applyButton());
    await waitFor(() => expect(defined()).toHaveLength(1));
    expect(defined()[0]).not.toContain('guest1');
    expect(defined()[0]).toContain("<forward dev='eth0' mode='nat'>");
  });

  it('shows a problem on its field and keeps Apply disabled until it is fixed', async () => {
    await openDetails('lab');
    type(textbox(ipv4(), 'DHCP end'), '10.0.0.9');
    expect(
      await within(ipv4()).findByText(/is not entirely within network 192\.168\.122\.1\/24/),
    ).toBeTruthy();
    expect(textbox(ipv4(), 'DHCP end').getAttribute('aria-invalid')).toBe('true');
    expect(applyButton().disabled).toBe(true);
    expect(screen.getByText(/Fix the problem shown above/)).toBeTruthy();
    fireEvent.click(within(ipv4()).getByRole('button', { name: 'Add host' }));
    type(textbox(ipv4(), 'Host 2 MAC address'), 'nonsense');
    type(textbox(ipv4(), 'DHCP end'), '192.168.122.50');
    expect(await within(ipv4()).findByText(/Cannot parse MAC address 'nonsense'/)).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
    fireEvent.click(within(ipv4()).getByRole('button', { name: 'Remove host 2' }));
    await waitFor(() => expect(applyButton().disabled).toBe(false));
  });

  it('asks before leaving unapplied address changes, and applies them on request', async () => {
    await openDetails('lab');
    fireEvent.click(within(ipv4()).getByRole('checkbox', { name: 'Enable DHCPv4' }));
    fireEvent.click(screen.getByRole('tab', { name: 'XML' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply changes?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    // Apply's calls, then the dialog's exit (the window is hidden from roles until it ends);
    // a loaded 2-core machine can take more than waitFor's 1 s.
    await waitFor(
      () => expect(screen.getByRole('tab', { name: 'XML' }).getAttribute('aria-selected')).toBe('true'),
      { timeout: 10_000 },
    );
    expect(defined()[0]).not.toContain('<range');
    expect(defined()[0]).toContain("name='guest1'");
  });

  it('says a running network takes the changes at its next start', async () => {
    await openDetails('default');
    type(textbox(ipv4(), 'Prefix length'), '16');
    expect(await screen.findByText(/take effect the next time it starts/)).toBeTruthy();
  });

  it('shows a transient network read-only', async () => {
    await openDetails('scratch');
    expect(textbox(ipv4(), 'Gateway').disabled).toBe(true);
    expect(within(ipv4()).getByRole<HTMLButtonElement>('button', { name: 'Add host' }).disabled).toBe(true);
    expect(within(ipv4()).getByRole<HTMLButtonElement>('button', { name: 'Remove host 1' }).disabled).toBe(
      true,
    );
  });
});
