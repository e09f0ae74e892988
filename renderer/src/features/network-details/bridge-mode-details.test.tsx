// @vitest-environment happy-dom
/**
 * Details of a Bridge-mode network against the FAKE vnmd (src/test/fake-vnm-api.ts): only what
 * libvirt keeps for bridge mode shows (mode, host bridge, virtual port, port groups, VLAN tags), and no
 * forward device, domain, MTU, IPv4/IPv6, DHCP or DNS fields. On Boot still applies.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const LAN = `<network>
  <name>lan</name>
  <uuid>5e1f0c7a-8c61-4c1b-9d0a-2c4b9f1e6a01</uuid>
  <forward mode='bridge'/>
  <bridge name='br-lan'/>
  <virtualport type='openvswitch'/>
  <vlan>
    <tag id='42'/>
  </vlan>
  <portgroup name='office' default='yes'/>
</network>
`;

beforeEach(() => {
  fake = freshFakeVnm();
  fake.define(LAN);
});
afterEach(cleanup);

async function openLan() {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name: 'lan' }));
  await screen.findByText('br-lan');
}

describe('Details of a Bridge network', () => {
  it('shows the mode, the host bridge, port groups and VLAN tags, and says where addresses come from', async () => {
    await openLan();
    const forwarding = screen.getByRole('region', { name: 'Forwarding' });
    const facts = within(forwarding)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    const terms = within(forwarding)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(terms).toEqual([
      'Forwarding mode:',
      'Host bridge:',
      'Virtual port:',
      'Port groups:',
      'VLAN tags:',
    ]);
    expect(facts).toEqual(['Bridge', 'br-lan', 'openvswitch', 'office', '42']);
    expect(
      within(forwarding).getByText(/addresses, DHCP and DNS come from that LAN, not from vnm/),
    ).toBeTruthy();
  });

  it('has no forward device, domain, MTU or address fields', async () => {
    await openLan();
    expect(screen.queryByRole('combobox', { name: 'Forward device' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Forwarding mode' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Domain' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'MTU' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'IPv4 configuration' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'IPv6 configuration' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Enable (IPv4|IPv6|DHCP)/ })).toBeNull();
  });

  it('applies On Boot without adding anything bridge mode cannot have', async () => {
    await openLan();
    fireEvent.click(screen.getByRole('checkbox', { name: 'On Boot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.call === 'setAutostart').map((c) => c.params)).toEqual([
        { network: 'lan', autostart: true },
      ]),
    );
    const defined = fake.calls
      .filter((c) => c.call === 'defineNetwork')
      .map((c) => (c.params as { xml: string }).xml);
    for (const xml of defined) expect(xml).not.toMatch(/<ip|<domain|<mac|<dns/);
  });
});
