// @vitest-environment happy-dom
/**
 * A network with <dnsmasq:options> says, in Details and in XML, that those options are
 * root-equivalent (against the FAKE vnmd of src/test/fake-vnm-api.ts, which stores the XML).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

const WITH_OPTIONS = `<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>
  <name>opts</name>
  <uuid>5e1f0c7a-8c61-4c1b-9d0a-2c4b9f1e6a02</uuid>
  <bridge name='virbr7' stp='on' delay='0'/>
  <ip address='10.77.0.1' prefix='24'>
  </ip>
  <dnsmasq:options>
    <dnsmasq:option value='cname=alias.lab,host.lab'/>
    <dnsmasq:option value='log-queries'/>
  </dnsmasq:options>
</network>
`;

const PLAIN = `<network>
  <name>plain</name>
  <uuid>5e1f0c7a-8c61-4c1b-9d0a-2c4b9f1e6a03</uuid>
  <bridge name='virbr8' stp='on' delay='0'/>
  <ip address='10.78.0.1' prefix='24'>
  </ip>
</network>
`;

beforeEach(() => {
  const fake = freshFakeVnm();
  fake.define(WITH_OPTIONS);
  fake.define(PLAIN);
});
afterEach(cleanup);

async function open(name: string, address: string) {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name }));
  // The definition has loaded once its address shows in the IPv4 fields.
  await screen.findByDisplayValue(address);
}

describe('custom dnsmasq options', () => {
  it('are listed in Details as root-equivalent', async () => {
    await open('opts', '10.77.0.1');
    const note = await screen.findByRole('note', { name: 'Custom dnsmasq options' });
    expect(within(note).getByText(/root-equivalent/)).toBeTruthy();
    expect(
      within(note)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['cname=alias.lab,host.lab', 'log-queries']);
  });

  it('are flagged in the XML tab too', async () => {
    await open('opts', '10.77.0.1');
    fireEvent.click(screen.getByRole('tab', { name: 'XML' }));
    expect(await screen.findByRole('note', { name: 'Custom dnsmasq options' })).toBeTruthy();
  });

  it('leave a network without them unmarked', async () => {
    await open('plain', '10.78.0.1');
    expect(screen.queryByRole('note', { name: 'Custom dnsmasq options' })).toBeNull();
  });
});
