// @vitest-environment happy-dom
/**
 * The Bandwidth section of Details against the FAKE vnmd (src/test/fake-vnm-api.ts): each
 * direction's limit in libvirt's units, absent when the XML has none.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { rateText } from './bandwidth-facts';

const net = (name: string, extra: string) => `<network>
  <name>${name}</name>
  <uuid>5e1f0c7a-8c61-4c1b-9d0a-2c4b9f1e6b0${name.length}</uuid>
  <bridge name='virbr${name.length}' stp='on' delay='0'/>
  ${extra}
  <ip address='10.9.${name.length}.1' prefix='24'>
  </ip>
</network>
`;

beforeEach(() => {
  const fake = freshFakeVnm();
  fake.define(
    net(
      'shaped',
      "<bandwidth><inbound average='1000' peak='2000' burst='256'/><outbound average='500'/></bandwidth>",
    ),
  );
  fake.define(net('free', ''));
});
afterEach(cleanup);

async function open(name: string) {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name }));
  await screen.findByRole('region', { name: 'IPv4 configuration' });
}

describe('Bandwidth in Details', () => {
  it('shows each direction with its units and says a change needs a restart', async () => {
    await open('shaped');
    const section = screen.getByRole('region', { name: 'Bandwidth' });
    expect(
      within(section)
        .getAllByRole('term')
        .map((t) => t.textContent),
    ).toEqual(['Inbound (to guests):', 'Outbound (from guests):']);
    expect(
      within(section)
        .getAllByRole('definition')
        .map((d) => d.textContent),
    ).toEqual(['average 1000 kB/s, peak 2000 kB/s, burst 256 KiB', 'average 500 kB/s']);
    expect(section.textContent).toContain('takes effect when the network is next started');
  });

  it('shows nothing for a network without a limit', async () => {
    await open('free');
    expect(screen.queryByRole('region', { name: 'Bandwidth' })).toBeNull();
  });

  it('says a floor is not applied', () => {
    expect(rateText({ average: 10, floor: 5 })).toBe(
      'average 10 kB/s, floor 5 kB/s (not applied: the network will not start)',
    );
  });
});
