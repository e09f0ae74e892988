// @vitest-environment happy-dom
/**
 * Details of an OVN network against the FAKE vnmd (src/test/fake-vnm-api.ts): the list names
 * it OVN, Details shows its OVN settings read-only and none of the bridge's editors, and a
 * network whose settings are half there (no gateway, no DHCP, no uplink) still shows.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const ovnXml = (name: string, uuid: string, ovn: string) => `<network>
  <name>${name}</name>
  <uuid>${uuid}</uuid>
  <metadata>
    ${ovn}
  </metadata>
  <forward mode='bridge'/>
  <bridge name='br-int'/>
  <virtualport type='openvswitch'/>
</network>
`;

/** As test/integration/ovn-span.integration.test.ts defines it, with a switch name and MTU. */
const SPAN = ovnXml(
  'span',
  '6c1c3f7e-2d4b-4a8e-9f10-0a1b2c3d4e5f',
  `<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat" switch="lab-switch" subnet="10.77.0.0/24" mtu="1400">
      <vnm:dhcp start="10.77.0.100" end="10.77.0.199" leaseTime="600" dns="10.77.0.1" domain="span"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.10/24" nexthop="198.51.100.1"/>
    </vnm:ovn>`,
);

/** Routed, but without its uplink or DHCP: Details must still show what there is. */
const BARE = ovnXml(
  'bare',
  '6c1c3f7e-2d4b-4a8e-9f10-0a1b2c3d4e60',
  `<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="routed" subnet="10.78.0.0/24"/>`,
);

beforeEach(() => {
  fake = freshFakeVnm();
  fake.define(SPAN);
  fake.define(BARE);
});
afterEach(cleanup);

async function open(name: string) {
  render(<App />);
  const row = await screen.findByRole('option', { name });
  fireEvent.click(row);
  return screen.findByRole('region', { name: 'OVN' });
}

function facts(region: HTMLElement): Record<string, string | undefined> {
  const terms = within(region).getAllByRole('term');
  const values = within(region).getAllByRole('definition');
  return Object.fromEntries(terms.map((t, i) => [t.textContent?.replace(/:$/, ''), values[i]?.textContent]));
}

describe('Details of an OVN network', () => {
  it('reads as OVN in the list, not Bridge', async () => {
    render(<App />);
    const row = await screen.findByRole('option', { name: 'span' });
    expect(row.textContent).toContain('OVN (spans hosts)');
    expect(row.textContent).not.toContain('Bridge');
  });

  it('shows its OVN settings read-only, and none of the bridge’s editors', async () => {
    const region = await open('span');
    expect(facts(region)).toEqual({
      'Forwarding mode': 'OVN (spans hosts)',
      'OVN mode': 'NAT',
      'Logical switch': 'lab-switch',
      Subnet: '10.77.0.0/24',
      Gateway: '10.77.0.1 (router and DHCP server, the first host)',
      'DHCP range': '10.77.0.100 – 10.77.0.199',
      'Lease time': '600 s',
      'DNS servers': '10.77.0.1',
      'DNS domain': 'span',
      'Guest MTU': '1400',
      'Gateway chassis': 'host-a',
      'Physical network': 'uplink',
      'Uplink address': '198.51.100.10/24',
      'Next hop': '198.51.100.1',
      'Host bridge': 'br-int (OVN’s integration bridge)',
    });
    expect(within(region).queryAllByRole('textbox')).toEqual([]);
    const details = screen.getByRole('tabpanel', { name: 'Details' });
    expect(within(details).getByRole('checkbox', { name: 'On Boot' })).toBeTruthy();
    for (const name of ['Forwarding', 'IPv4 configuration', 'IPv6 configuration', 'Guest isolation'])
      expect(within(details).queryByRole('region', { name })).toBeNull();
    expect(within(details).queryByRole('textbox', { name: 'Domain' })).toBeNull();
    expect(within(details).queryByRole('textbox', { name: 'MTU' })).toBeNull();
  });

  it('shows a network with no gateway, DHCP or uplink written, saying what that means', async () => {
    const f = facts(await open('bare'));
    expect(f['OVN mode']).toBe('Routed');
    expect(f['Logical switch']).toBe('vnm-bare');
    expect(f.Gateway).toBe('10.78.0.1 (router and DHCP server, the first host)');
    expect(f.DHCP).toBe('Off: guests need addresses set by hand');
    expect(f['Guest MTU']).toBe('1442 (the default)');
    expect(f.Uplink).toBe('None: the network will not start until one is given');
  });
});
