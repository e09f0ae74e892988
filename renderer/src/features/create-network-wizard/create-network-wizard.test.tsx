// @vitest-environment happy-dom
/**
 * The wizard in the whole window, against the FAKE vnmd (src/test/fake-vnm-api.ts): what is
 * proposed, what blocks Next, what Back keeps, and what Finish sends. The real vnmd is
 * driven by the e2e specs (e2e/specs/create-network-wizard*.spec.ts).
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

const callsOf = (call: string) => fake.calls.filter((c) => c.call === call).map((c) => c.params);
const wizard = () => screen.getByRole('dialog', { name: 'Create a new virtual network' });
const textbox = (name: string) => within(wizard()).getByRole<HTMLInputElement>('textbox', { name });
const button = (name: string) => within(wizard()).getByRole<HTMLButtonElement>('button', { name });
const checkbox = (name: string) => within(wizard()).getByRole<HTMLInputElement>('checkbox', { name });
const radio = (name: string) => within(wizard()).getByRole<HTMLInputElement>('radio', { name });
const type = (name: string, value: string) => fireEvent.change(textbox(name), { target: { value } });

async function openWizard() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' });
  fireEvent.click(screen.getByRole('button', { name: 'Add network' }));
  await waitFor(() => expect(textbox('Name').value).toBe('network'));
}

async function next() {
  await waitFor(() => expect(button('Next').disabled).toBe(false));
  fireEvent.click(button('Next'));
}

describe('Create a new virtual network', () => {
  it('proposes a name, vnmd’s subnet, its gateway and the upper half for DHCP, then defines, starts and autostarts', async () => {
    await openWizard();
    expect(radio('NAT').checked).toBe(true);
    await next();
    expect(textbox('Network').value).toBe('192.168.100.0/24');
    expect(textbox('Gateway').value).toBe('192.168.100.1');
    expect(checkbox('Enable DHCPv4').checked).toBe(true);
    expect([textbox('DHCP start').value, textbox('DHCP end').value]).toEqual([
      '192.168.100.128',
      '192.168.100.254',
    ]);
    await next();
    expect(checkbox('Enable IPv6').checked).toBe(false);
    expect(textbox('IPv6 network').value).toBe('fd00:1234::/64');
    await next();
    expect(within(wizard()).getByRole('combobox', { name: 'Forward to' })).toBeTruthy();
    expect(radio('The network’s name').checked).toBe(true);
    await next();
    expect(checkbox('Start network now').checked).toBe(true);
    expect(checkbox('Start on boot').checked).toBe(true);
    expect(within(wizard()).getByText('192.168.100.128 to 192.168.100.254', { exact: false })).toBeTruthy();
    fireEvent.click(button('Finish'));
    // Three calls and their renders; a loaded 2-core machine can take more than waitFor's 1 s.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    const order = fake.calls.map((c) => c.call).filter((c) => /define|start|Autostart/.test(c));
    expect(order).toEqual(['defineNetwork', 'startNetwork', 'setAutostart']);
    const [define] = callsOf('defineNetwork') as { xml: string }[];
    expect(define?.xml).toContain("<ip address='192.168.100.1' prefix='24'>");
    expect(callsOf('setAutostart')).toEqual([{ network: 'network', autostart: true }]);
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'network' }).getAttribute('aria-selected')).toBe('true'),
    );
  });

  it('blocks Next while a field is wrong and says what to change', async () => {
    await openWizard();
    type('Name', 'default');
    expect(button('Next').disabled).toBe(true);
    expect(wizard().textContent).toContain("A network named 'default' already exists: choose another name.");
    fireEvent.keyDown(radio('Routed'), { key: 'Enter' });
    expect(textbox('Name')).toBeTruthy();
    type('Name', 'lab2');
    await next();
    type('Network', '192.168.100.0/31');
    expect(button('Next').disabled).toBe(true);
    expect(textbox('Network').getAttribute('aria-invalid')).toBe('true');
    expect(wizard().textContent).toContain('Use a prefix from /8 to /30');
  });

  it('keeps every value on Back, and lets DHCP follow the network only until edited', async () => {
    await openWizard();
    type('Name', 'mine');
    fireEvent.click(radio('Routed'));
    await next();
    type('DHCP end', '192.168.100.200');
    type('Network', '10.50.0.0/16');
    expect(textbox('Gateway').value).toBe('10.50.0.1');
    expect(textbox('DHCP start').value).toBe('10.50.128.0');
    expect(textbox('DHCP end').value).toBe('192.168.100.200');
    expect(wizard().textContent).toContain('192.168.100.200 is outside 10.50.0.0/16');
    type('DHCP end', '10.50.200.1');
    fireEvent.click(button('Back'));
    expect(textbox('Name').value).toBe('mine');
    expect(radio('Routed').checked).toBe(true);
    await next();
    expect(textbox('Network').value).toBe('10.50.0.0/16');
    expect(textbox('DHCP end').value).toBe('10.50.200.1');
  });

  it('does not replace a network someone defined under its name while Finish was on its way', async () => {
    await openWizard();
    type('Name', 'taken');
    await next();
    const theirs = "<network><name>taken</name><ip address='10.9.9.1' prefix='24'/></network>";
    fake.meanwhile.set('defineNetwork', () => fake.define(theirs));
    for (let i = 0; i < 3; i++) await next();
    fireEvent.click(button('Finish'));
    expect(
      await within(wizard()).findByText(/A network named 'taken' was defined meanwhile: go back/),
    ).toBeTruthy();
    expect(fake.xml.get('taken')).toBe(theirs);
    expect(callsOf('startNetwork')).toEqual([]);
  });

  it('advances with Enter on a radio and closes with Escape without defining anything', async () => {
    await openWizard();
    fireEvent.keyDown(radio('Isolated'), { key: 'Enter' });
    await waitFor(() => expect(textbox('Network')).toBeTruthy());
    fireEvent.keyDown(wizard(), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsOf('defineNetwork')).toEqual([]);
  });

  it('removes the definition when the start fails, shows why and stays open with its values', async () => {
    await openWizard();
    type('Name', 'doomed');
    for (let i = 0; i < 4; i++) await next();
    fake.failures.set('startNetwork', {
      kind: 'conflict',
      message: 'Network is already in use by interface eth0.',
    });
    fireEvent.click(button('Finish'));
    await waitFor(() =>
      expect(wizard().textContent).toContain(
        'Network doomed could not be started: Network is already in use by interface eth0.',
      ),
    );
    expect(wizard().textContent).toContain('Its definition was removed');
    expect(callsOf('undefineNetwork')).toEqual([{ network: 'doomed' }]);
    expect(callsOf('setAutostart')).toEqual([]);
    fireEvent.click(button('Back'));
    fireEvent.click(button('Back'));
    fireEvent.click(button('Back'));
    fireEvent.click(button('Back'));
    expect(textbox('Name').value).toBe('doomed');
  });

  it('bridges to a host bridge in two steps, and says so when the host has none', async () => {
    fake.interfaces = [
      ...fake.interfaces,
      { name: 'br0', type: 'bridge', mac: null, state: 'up', addresses: [], mtu: 1500, master: null },
    ];
    await openWizard();
    fireEvent.click(radio('Bridge'));
    const select = within(wizard()).getByRole<HTMLSelectElement>('combobox', { name: 'Host bridge' });
    expect([...select.options].map((o) => o.value)).toEqual(['br0']);
    await next();
    fireEvent.click(checkbox('Start network now'));
    fireEvent.click(button('Finish'));
    await waitFor(() => expect(callsOf('defineNetwork')).toHaveLength(1));
    const [define] = callsOf('defineNetwork') as { xml: string }[];
    expect(define?.xml).toBe(
      "<network>\n  <name>network</name>\n  <forward mode='bridge'/>\n  <bridge name='br0'/>\n</network>\n",
    );
    expect(callsOf('startNetwork')).toEqual([]);
  });

  it('refuses Bridge mode on a host whose only bridges are vnm’s', async () => {
    await openWizard();
    fireEvent.click(radio('Bridge'));
    expect(button('Next').disabled).toBe(true);
    expect(wizard().textContent).toContain('This host has no bridge of its own');
  });

  it('names every control by its visible label on every step', async () => {
    await openWizard();
    fireEvent.click(radio('Bridge'));
    fireEvent.click(radio('NAT'));
    for (let step = 0; step < 5; step++) {
      if (step === 2) fireEvent.click(checkbox('Enable IPv6'));
      if (step === 3) {
        fireEvent.click(radio('Custom'));
        type('Custom domain name', 'lab.example');
      }
      // The Summary's editor is on its XML view.
      if (step === 4) fireEvent.click(button('XML'));
      await waitFor(() => expect(wizard().querySelector('.MuiSkeleton-root')).toBeNull());
      const roles = ['textbox', 'checkbox', 'radio', 'combobox'] as const;
      const controls = roles.flatMap((role) =>
        within(wizard())
          .queryAllByRole(role)
          .map((el) => [role, el] as const),
      );
      expect(controls.length).toBeGreaterThan(2);
      for (const [role, el] of controls) {
        const label = visibleLabel(el);
        expect(label, el.outerHTML).toBeTruthy();
        expect(within(wizard()).getAllByRole(role, { name: label })).toContain(el);
      }
      if (step < 4) await next();
    }
  });
});

/** The text a person reads as the control's label. */
function visibleLabel(el: HTMLElement): string {
  const byFor = el.id ? wizard().querySelector(`label[for="${el.id}"]`) : null;
  const labelledBy = el.getAttribute('aria-labelledby');
  const source = byFor ?? (labelledBy ? document.getElementById(labelledBy) : el.closest('label'));
  const copy = source?.cloneNode(true) as HTMLElement | undefined;
  copy?.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return (copy?.textContent ?? '').trim();
}
