// @vitest-environment happy-dom
/**
 * The Guest isolation line of Details against the FAKE vnmd (src/test/fake-vnm-api.ts):
 * shown with what <port isolated> means for the network, absent when the XML has none.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { defOf } from '@/test/details-xml';
import { isolationText } from './guest-isolation';

let fake: FakeVnmBridge;

const net = (name: string, extra: string) => `<network>
  <name>${name}</name>
  <uuid>5e1f0c7a-8c61-4c1b-9d0a-2c4b9f1e6a0${name.length}</uuid>
  <bridge name='virbr${name.length}' stp='on' delay='0'/>
  ${extra}
  <ip address='10.9.${name.length}.1' prefix='24'>
  </ip>
</network>
`;

beforeEach(() => {
  fake = freshFakeVnm();
  fake.define(net('iso', "<port isolated='yes'/>"));
  fake.define(net('plain', ''));
});
afterEach(cleanup);

async function open(name: string) {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name }));
  await screen.findByRole('region', { name: 'IPv4 configuration' });
}

describe('Guest isolation in Details', () => {
  it('says guests of an isolated-port network reach the host, not each other', async () => {
    await open('iso');
    const section = screen.getByRole('region', { name: 'Guest isolation' });
    expect(within(section).getByRole('term').textContent).toBe('Port isolation:');
    expect(within(section).getByRole('definition').textContent).toBe(
      'On: guests reach the host, not each other',
    );
  });

  it('shows nothing for a network whose XML does not mention it', async () => {
    await open('plain');
    expect(screen.queryByRole('region', { name: 'Guest isolation' })).toBeNull();
  });

  it("words isolated='no' and a host bridge, where vnm refuses to start it", () => {
    expect(isolationText(defOf(net('a', "<port isolated='no'/>")))).toBe('Off: guests can reach each other');
    const hostBridge = `<network><name>hb</name><forward mode='bridge'/><bridge name='br0'/><port isolated='yes'/></network>`;
    expect(isolationText(defOf(hostBridge))).toMatch(
      /cannot apply on a host bridge: this network will not start/,
    );
  });
});
