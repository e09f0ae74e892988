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

  it('changes a running network live: a new static host becomes one net-update, live and saved', async () => {
    await openDetails('default');
    expect(
      screen.getByText(/Showing the saved definition\. Apply saves it and changes the running network/),
    ).toBeTruthy();
    fireEvent.click(within(ipv4()).getByRole('button', { name: 'Add host' }));
    type(textbox(ipv4(), 'Host 2 MAC address'), '52:54:00:00:00:33');
    type(textbox(ipv4(), 'Host 2 IP address'), '192.168.122.33');
    expect(await screen.findByText(/Apply changes it now, without a restart/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply and restart' })).toBeNull();
    fireEvent.click(applyButton());
    await waitFor(() => expect(fake.calls.some((c) => c.call === 'updateNetwork')).toBe(true));
    expect(fake.calls.filter((c) => c.call === 'updateNetwork').map((c) => c.params)).toEqual([
      {
        network: 'default',
        command: 'add-last',
        section: 'ip-dhcp-host',
        parentIndex: 0,
        xml: "<host mac='52:54:00:00:00:33' ip='192.168.122.33'/>",
        live: true,
        config: true,
      },
    ]);
    // Running and saved were the same, so nothing is redefined before the update and nothing
    // restarts. The FAKE's update changes nothing, so the check after it saves the host itself.
    await waitFor(() => expect(defined()).toHaveLength(1));
    const order = fake.calls
      .map((c) => c.call)
      .filter((c) => ['updateNetwork', 'defineNetwork', 'stopNetwork'].includes(c));
    expect(order).toEqual(['updateNetwork', 'defineNetwork']);
    expect(defined()[0]).toContain("<host mac='52:54:00:00:00:33' ip='192.168.122.33'/>");
  });

  it('offers Apply and restart or Apply (next start) for an address change of a running network', async () => {
    await openDetails('default');
    type(textbox(ipv4(), 'Prefix length'), '16');
    expect(await screen.findByText(/Changing the addresses takes effect only when it restarts/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Apply (next start)' }));
    await waitFor(() => expect(defined()).toHaveLength(1));
    expect(defined()[0]).toContain("netmask='255.255.0.0'");
    expect(fake.calls.some((c) => c.call === 'stopNetwork' || c.call === 'updateNetwork')).toBe(false);

    type(textbox(ipv4(), 'Gateway'), '192.168.122.2');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply and restart' }));
    await waitFor(() => expect(fake.calls.some((c) => c.call === 'startNetwork')).toBe(true));
    const order = fake.calls
      .map((c) => c.call)
      .filter((c) => ['defineNetwork', 'stopNetwork', 'startNetwork'].includes(c));
    expect(order).toEqual(['defineNetwork', 'defineNetwork', 'stopNetwork', 'startNetwork']);
    expect(defined()[1]).toContain("address='192.168.122.2'");
  });

  it('never offers a doomed Apply on leaving: not with problems, not while vnmd is away', async () => {
    await openDetails('lab');
    type(textbox(ipv4(), 'DHCP end'), '10.0.0.9');
    type(screen.getByRole('textbox', { name: 'MTU' }), 'big');
    fireEvent.click(screen.getByRole('tab', { name: 'XML' }));
    let dialog = await screen.findByRole('dialog', { name: 'Apply changes?' });
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(true);
    expect(within(dialog).getByText(/The changes have 2 problems, so they cannot be applied/)).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Apply changes?' })).toBeNull(), {
      timeout: 10_000,
    });

    type(textbox(ipv4(), 'DHCP end'), '192.168.122.200');
    type(screen.getByRole('textbox', { name: 'MTU' }), '');
    const status = fake.status;
    act(() => fake.setConnection({ ...status, state: 'lost', reason: 'vnmd went away' }));
    fireEvent.click(screen.getByRole('tab', { name: 'XML' }));
    dialog = await screen.findByRole('dialog', { name: 'Apply changes?' });
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(true);
    expect(
      within(dialog).getByText(/vnmd is not connected, so the changes cannot be applied now/),
    ).toBeTruthy();
    act(() => fake.setConnection(status));
    await waitFor(() =>
      expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(false),
    );
    expect(defined()).toEqual([]);
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
