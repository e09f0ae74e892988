// @vitest-environment happy-dom
/**
 * The Port Forwarding sub-tab in the whole window against the FAKE vnmd (src/test/fake-vnm-api.ts):
 * which networks have it, the table, Add with its checks, the reservation, Remove. The real
 * vnmd and real traffic are driven by e2e/specs/port-forwards.spec.ts.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortForward } from '@shared/model/port-forward';
import type { Lease } from '@shared/rpc/contract';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const guest2Lease: Lease = {
  network: 'default',
  expiry: Math.round(Date.now() / 1000) + 3000,
  mac: '52:54:00:12:34:51',
  protocol: 'ipv4',
  ipPrefix: '192.168.122.11/24',
  ip: '192.168.122.11',
  hostname: 'guest2',
  clientId: null,
};

const web: PortForward = {
  protocol: 'tcp',
  hostPort: { start: 8080, end: 8080 },
  guestAddress: '192.168.122.10',
  guestPort: { start: 80, end: 80 },
  description: 'web',
};

beforeEach(() => {
  fake = freshFakeVnm();
  fake.leases.set('default', [guest2Lease]);
});
afterEach(cleanup);

const callsOf = (name: string) => fake.calls.filter((c) => c.call === name).map((c) => c.params);
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const dialog = () => screen.getByRole('dialog', { name: 'Add port forward' });
const field = (name: string) => within(dialog()).getByRole<HTMLInputElement>('textbox', { name });
/** The guest picker is a combobox (leases and static hosts) that also takes a typed address. */
const guestField = () => within(dialog()).getByRole<HTMLInputElement>('combobox', { name: 'Guest address' });
const helpOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
const table = () => screen.getByRole('table', { name: 'Port forwards' });

async function openForwards(network = 'default') {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name: network }));
  fireEvent.click(await screen.findByRole('tab', { name: 'Port Forwarding' }));
}

async function openAdd() {
  await openForwards();
  const add = await screen.findByRole<HTMLButtonElement>('button', { name: 'Add' });
  await waitFor(() => expect(add.disabled).toBe(false));
  fireEvent.click(add);
  return dialog();
}

describe('Port Forwarding', () => {
  it('is a sub-tab of NAT networks only', async () => {
    render(<App />);
    fireEvent.click(await screen.findByRole('option', { name: 'default' }));
    expect(await screen.findByRole('tab', { name: 'Port Forwarding' })).toBeTruthy();
    for (const other of ['dmz', 'lab']) {
      fireEvent.click(screen.getByRole('option', { name: other }));
      await waitFor(() => expect(screen.getByRole('tablist', { name: `Network ${other}` })).toBeTruthy());
      expect(screen.queryByRole('tab', { name: 'Port Forwarding' })).toBeNull();
    }
  });

  it('says what a forward is when there are none', async () => {
    await openForwards();
    expect(await screen.findByText('No port forwards.')).toBeTruthy();
    expect(screen.getByText(/makes a service in a guest reachable from outside/)).toBeTruthy();
  });

  it('lists forwards with the guest’s name from a static host or a lease', async () => {
    fake.forwards.set('default', [
      web,
      {
        protocol: 'all',
        hostAddress: '10.0.0.5',
        hostPort: { start: 5000, end: 5009 },
        guestAddress: '192.168.122.11',
        guestPort: { start: 6000, end: 6009 },
      },
    ]);
    await openForwards();
    const rows = within(await screen.findByRole('table', { name: 'Port forwards' })).getAllByRole('row');
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(1)).toEqual(['TCP', '8080on all addresses', '192.168.122.10guest1', '80', 'web', 'Remove']);
    expect(cells(2)).toEqual([
      'TCP and UDP',
      '5000-5009on 10.0.0.5',
      '192.168.122.11guest2',
      '6000-6009',
      '—',
      'Remove',
    ]);
  });

  it('shows every problem at once, each on its field, as it is typed', async () => {
    await openAdd();
    type(field('Host port'), '80-70');
    type(guestField(), '10.9.9.9');
    type(field('Guest port'), 'http');
    type(field('Description'), 'bad\u0007bell');
    expect(helpOf(field('Host port'))).toMatch(/start|end|order|first/i);
    expect(helpOf(guestField())).toMatch(/192\.168\.122\.0\/24|subnet/);
    expect(helpOf(field('Guest port'))).toBe('Enter a port from 1 to 65535, or a range such as 8000-8010.');
    expect(helpOf(field('Description'))).toMatch(/control/i);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add' }));
    expect(callsOf('addForward')).toEqual([]);
  });

  it('refuses the gateway and a host port this network already forwards', async () => {
    fake.forwards.set('default', [web]);
    await openAdd();
    type(field('Host port'), '8080');
    type(guestField(), '192.168.122.1');
    await waitFor(() => expect(helpOf(field('Host port'))).toMatch(/8080/));
    expect(helpOf(guestField())).toMatch(/gateway/i);
  });

  it('adds a forward live and saved, and the row appears from vnmd’s event', async () => {
    await openAdd();
    type(field('Host port'), '8080');
    type(guestField(), '192.168.122.10');
    type(field('Description'), 'web');
    expect(field('Guest port').placeholder).toBe('8080');
    type(field('Guest port'), '80');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf('addForward')).toEqual([{ name: 'default', forward: web, live: true, config: true }]);
    expect(callsOf('updateNetwork')).toEqual([]);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(2));
  });

  it('offers to reserve a leased guest’s address and adds the static host first', async () => {
    await openAdd();
    type(field('Host port'), '2222');
    type(guestField(), '192.168.122.11');
    type(field('Guest port'), '22');
    const reserve = within(dialog()).getByRole<HTMLInputElement>('checkbox', {
      name: 'Reserve this address for guest2 (adds a static host)',
    });
    expect(reserve.checked).toBe(true);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const order = fake.calls.map((c) => c.call).filter((c) => c === 'updateNetwork' || c === 'addForward');
    expect(order).toEqual(['updateNetwork', 'addForward']);
    expect(callsOf('updateNetwork')).toEqual([
      {
        network: 'default',
        command: 'add-last',
        section: 'ip-dhcp-host',
        xml: "<host mac='52:54:00:12:34:51' name='guest2' ip='192.168.122.11'/>",
        live: true,
        config: true,
      },
    ]);
  });

  it('takes the reservation back when vnmd refuses the forward', async () => {
    await openAdd();
    fake.failures.set('addForward', {
      kind: 'conflict',
      message: 'host port 2222/tcp is already forwarded.',
    });
    type(field('Host port'), '2222');
    type(guestField(), '192.168.122.11');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add' }));
    expect(await within(dialog()).findByText('host port 2222/tcp is already forwarded.')).toBeTruthy();
    expect(callsOf('updateNetwork').map((p) => (p as { command: string }).command)).toEqual([
      'add-last',
      'delete',
    ]);
  });

  it('does not offer a reservation for a static host', async () => {
    await openAdd();
    type(guestField(), '192.168.122.10');
    expect(within(dialog()).queryByRole('checkbox', { name: /Reserve this address/ })).toBeNull();
  });

  it('shows vnmd’s refusal in the dialog and keeps what was typed', async () => {
    await openAdd();
    fake.failures.set('addForward', {
      kind: 'conflict',
      message: 'host port 8080/tcp is already forwarded by network other; choose another port.',
    });
    type(field('Host port'), '8080');
    type(guestField(), '192.168.122.10');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Add' }));
    expect(await within(dialog()).findByText(/already forwarded by network other/)).toBeTruthy();
    expect(field('Host port').value).toBe('8080');
  });

  it('removes a forward after a confirmation that names it', async () => {
    fake.forwards.set('default', [web]);
    await openForwards();
    fireEvent.click(
      within(await screen.findByRole('table', { name: 'Port forwards' })).getByRole('button', {
        name: 'Remove',
      }),
    );
    const confirm = screen.getByRole('dialog', { name: 'Remove port forward?' });
    expect(confirm.textContent).toContain(
      'Remove the forward of TCP port 8080 on all addresses to 192.168.122.10 (guest1) port 80?',
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('No port forwards.')).toBeTruthy();
    expect(callsOf('removeForward')).toEqual([
      { name: 'default', protocol: 'tcp', hostPort: 8080, live: true, config: true },
    ]);
  });

  it('shows a forward someone else added when vnmd says the network was updated', async () => {
    await openForwards();
    await screen.findByText('No port forwards.');
    fake.forwards.set('default', [web]);
    act(() => fake.lifecycle('default', 'updated'));
    expect(await screen.findByRole('table', { name: 'Port forwards' })).toBeTruthy();
  });
});
