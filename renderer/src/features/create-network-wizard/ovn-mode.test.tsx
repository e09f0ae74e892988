// @vitest-environment happy-dom
/**
 * "Spanning hosts (OVN)" in the wizard against the FAKE vnmd (src/test/fake-vnm-api.ts): the
 * mode is offered only where host.ovn says the host is ready, and what Finish defines is read
 * back with the shared codec. The real vnmd is driven by the OVN e2e in the OVN demo.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OvnSettings } from '@shared/model/ovn';
import { parseNetworkXml } from '@shared/xml';
import { App } from '@/app/app';
import { fakeOvnReady } from '@/test/fake-data';
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
const checkbox = (name: string) => within(wizard()).getByRole<HTMLInputElement>('checkbox', { name });
const type = (name: string, value: string) => fireEvent.change(textbox(name), { target: { value } });
const ovnRadio = () =>
  within(wizard()).getByRole<HTMLInputElement>('radio', { name: 'Spanning hosts (OVN)' });
const ovnMode = (name: 'Isolated' | 'NAT' | 'Routed') =>
  within(within(wizard()).getByRole('radiogroup', { name: 'OVN mode' })).getByRole<HTMLInputElement>(
    'radio',
    { name },
  );

async function openWizard() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' });
  fireEvent.click(screen.getByRole('button', { name: 'Add network' }));
  await screen.findByRole('dialog', { name: 'Create a new virtual network' });
  await waitFor(() => expect(textbox('Name').value).toBe('network'));
}

async function next() {
  await waitFor(() => expect(button('Next').disabled).toBe(false));
  fireEvent.click(button('Next'));
}

/** Finish, then the OVN settings of what was defined, read back with the shared codec. */
async function finishAndRead(): Promise<OvnSettings | undefined> {
  await waitFor(() => expect(button('Finish').disabled).toBe(false));
  fireEvent.click(button('Finish'));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  const define = fake.calls.find((c) => c.call === 'defineNetwork')?.params as { xml: string };
  const parsed = parseNetworkXml(define.xml);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  expect(parsed.def.virtualport?.type).toBe('openvswitch');
  expect(parsed.def.bridge?.name).toBe('br-int');
  expect(parsed.def.ips).toEqual([]);
  return parsed.def.ovn;
}

describe('the OVN mode of the wizard', () => {
  it('is shown disabled on a host without OVN, saying what to install', async () => {
    await openWizard();
    expect(ovnRadio().disabled).toBe(true);
    const description = document.getElementById(ovnRadio().getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toContain('Not available on this host');
    expect(description?.textContent).toContain(
      'Install openvswitch-switch and ovn-host (apt-get install openvswitch-switch ovn-host)',
    );
  });

  it('is shown disabled, asking for a newer vnm, when vnmd does not answer host.ovn', async () => {
    fake.failures.set('ovnHost', { kind: 'unsupported', message: 'Unknown method host.ovn' });
    await openWizard();
    expect(ovnRadio().disabled).toBe(true);
    expect(wizard().textContent).toContain('vnmd did not say whether OVN runs on this host (Unknown method');
    expect(wizard().textContent).toContain('update vnm on this host');
  });

  it('creates an isolated OVN network from the first page on a ready host', async () => {
    fake.ovn = fakeOvnReady();
    await openWizard();
    expect(ovnRadio().disabled).toBe(false);
    fireEvent.click(ovnRadio());
    expect(ovnMode('Isolated').checked).toBe(true);
    type('Name', 'span');
    expect(textbox('Network').value).toBe('192.168.100.0/24');
    expect(await finishAndRead()).toEqual({
      mode: 'isolated',
      subnet: '192.168.100.0/24',
      gateway: '192.168.100.1',
      mtu: 1442,
      dhcp: { start: '192.168.100.128', end: '192.168.100.254', dns: [], domain: 'span' },
    });
    expect(fake.calls.filter((c) => c.call === 'startNetwork')).toHaveLength(1);
  });

  it('creates a NAT OVN network with its uplink, proposed from this host, walking every step', async () => {
    fake.ovn = fakeOvnReady();
    await openWizard();
    fireEvent.click(ovnRadio());
    fireEvent.click(ovnMode('NAT'));
    type('Name', 'span');
    // The uplink has no default for its addresses: Finish says where they are missing.
    expect(button('Finish').disabled).toBe(true);
    expect(wizard().textContent).toContain('Uplink: Enter the router’s address on the uplink');
    await next();
    within(wizard()).getByRole('group', { name: 'OVN switch' });
    expect(textbox('Gateway').value).toBe('192.168.100.1');
    expect(textbox('Guest MTU').value).toBe('1442');
    expect(wizard().textContent).toContain('Geneve adds 58 bytes');
    type('Guest MTU', '1400');
    type('Logical switch', 'lab-switch');
    await next();
    expect(textbox('Gateway chassis').value).toBe('host-a');
    expect(textbox('Physical network').value).toBe('uplink');
    type('Router address on the uplink', '198.51.100.10/24');
    type('Next hop', '198.51.100.1');
    await next();
    type('DNS servers', '192.0.2.53');
    await next();
    within(wizard()).getByRole('group', { name: 'Summary' });
    expect(wizard().textContent).toContain(
      'router 198.51.100.10/24 on physical network uplink of chassis host-a',
    );
    expect(await finishAndRead()).toEqual({
      mode: 'nat',
      switchName: 'lab-switch',
      subnet: '192.168.100.0/24',
      gateway: '192.168.100.1',
      mtu: 1400,
      dhcp: { start: '192.168.100.128', end: '192.168.100.254', dns: ['192.0.2.53'], domain: 'span' },
      uplink: { chassis: 'host-a', physnet: 'uplink', address: '198.51.100.10/24', nexthop: '198.51.100.1' },
    });
    expect(fake.networks.find((n) => n.name === 'span')?.kind).toBe('ovn');
  });

  it.each([
    ['a bad subnet', 'Network', '10.77.0.0/33', /not a prefix length|Use a prefix from \/8 to \/30/],
    ['a gateway outside the subnet', 'Gateway', '10.1.1.1', /10\.1\.1\.1 is outside 192\.168\.100\.0\/24/],
    ['an MTU out of range', 'Guest MTU', '9500', /An MTU of 9500 is out of range: use 576 to 9000/],
  ])('blocks Finish on %s, with the reason on the field', async (_what, field, value, message) => {
    fake.ovn = fakeOvnReady();
    await openWizard();
    fireEvent.click(ovnRadio());
    await next();
    type(field, value);
    expect(textbox(field).getAttribute('aria-invalid')).toBe('true');
    expect(wizard().textContent).toMatch(message);
    expect(button('Finish').disabled).toBe(true);
    expect(button('Next').disabled).toBe(true);
  });

  it('turns the DNS step into a note when DHCP is off (OVN hands DNS out with DHCP only)', async () => {
    fake.ovn = fakeOvnReady();
    await openWizard();
    fireEvent.click(ovnRadio());
    await next();
    fireEvent.click(checkbox('Enable DHCPv4'));
    await next();
    expect(wizard().textContent).toContain('DHCP is off, so OVN hands guests no DNS servers or domain');
  });
});
