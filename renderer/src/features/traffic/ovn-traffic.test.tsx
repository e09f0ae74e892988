// @vitest-environment happy-dom
/**
 * Traffic and DHCP Leases of an OVN network against the FAKE vnmd (src/test/fake-vnm-api.ts):
 * a Host column where leases and ports name their host, and the guests of hosts this window
 * has no counters from, with the host to connect to. A bridge network's tables stay as they were.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lease, PortCounters } from '@shared/rpc/contract';
import { App } from '@/app/app';
import { fakeCounters } from '@/test/fake-data';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const SPAN = `<network>
  <name>span</name>
  <uuid>6c1c3f7e-2d4b-4a8e-9f10-0a1b2c3d4e5f</uuid>
  <metadata>
    <vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="isolated" subnet="10.77.0.0/24"/>
  </metadata>
  <forward mode='bridge'/>
  <bridge name='br-int'/>
  <virtualport type='openvswitch'/>
</network>
`;

const lease = (n: number, host: string): Lease => ({
  network: 'span',
  expiry: 0,
  mac: `52:54:00:77:00:0${n}`,
  protocol: 'ipv4',
  ipPrefix: `10.77.0.10${n}/24`,
  ip: `10.77.0.10${n}`,
  hostname: `guest${n}`,
  clientId: null,
  host,
});

/** guest1 runs on this window's host (fakehost); guest2 and guest3 on host-b, not connected. */
const LEASES = [lease(1, 'fakehost'), lease(2, 'host-b'), lease(3, 'host-b')];
const PORT: PortCounters = {
  ...fakeCounters('tap1', 1000, 2000),
  mac: '52:54:00:77:00:01',
  ip: '10.77.0.101',
  hostname: 'guest1',
  host: 'fakehost',
};

beforeEach(() => {
  fake = freshFakeVnm();
  fake.define(SPAN);
  fake.networks = fake.networks.map((n) =>
    n.name === 'span' ? { ...n, active: true, bridge: 'br-int' } : n,
  );
  fake.leases.set('span', LEASES);
});
afterEach(cleanup);

function pushSpanStats() {
  const total = fakeCounters('total', 1000, 2000);
  fake.push('event', {
    type: 'stats',
    seq: 1,
    samples: [{ network: 'span', time: Date.now(), interval: 1, bridge: total, ports: [PORT], total }],
  });
}

async function openTab(network: string, tab: string) {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name: network }));
  fireEvent.click(await screen.findByRole('tab', { name: tab }));
  return screen.findByRole('tabpanel', { name: tab });
}

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);

describe('an OVN network’s traffic and leases', () => {
  it('lists ports with their host, and says which host counts the guests it cannot', async () => {
    const panel = await openTab('span', 'Traffic');
    act(() => pushSpanStats());
    const table = await within(panel).findByRole('table', { name: 'Guest ports' });
    expect(headers(table)).toContain('Host');
    expect(within(table).getByRole('row', { name: /tap1/ }).textContent).toContain('fakehost');
    const others = await within(panel).findByRole('list', { name: 'Guests counted on other hosts' });
    expect(
      within(others)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual([
      '2 guests on host-b: their traffic is counted on host-b — connect to it (Connections) to see it here.',
    ]);
    // br-int is no bridge of this network's: no bridge line, and the text says who counts what.
    expect(panel.textContent).toMatch(/Network total \(guests\)Sent by guests/);
    expect(panel.textContent).not.toContain('Bridge (to and from the host)');
    expect(panel.textContent).toContain('counted by the host it runs on');
  });

  it('has a Host column in its leases', async () => {
    const panel = await openTab('span', 'DHCP Leases');
    const table = await within(panel).findByRole('table', { name: 'DHCP leases' });
    expect(headers(table)).toContain('Host');
    expect(within(table).getByRole('row', { name: /guest2/ }).textContent).toContain('host-b');
  });

  it('leaves a bridge network’s tables without a Host column', async () => {
    fake.leases.set('default', [{ ...lease(1, 'x'), network: 'default', host: undefined }]);
    const leases = await openTab('default', 'DHCP Leases');
    expect(headers(await within(leases).findByRole('table', { name: 'DHCP leases' }))).not.toContain('Host');
    fireEvent.click(screen.getByRole('tab', { name: 'Traffic' }));
    act(() => fake.pushStats(Date.now()));
    const table = await screen.findByRole('table', { name: 'Guest ports' });
    expect(headers(table)).not.toContain('Host');
    expect(screen.queryByRole('list', { name: 'Guests counted on other hosts' })).toBeNull();
  });
});
