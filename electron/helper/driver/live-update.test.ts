import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { planUpdate } from './live-update';
import type { NetworkEntry } from './table';

const def: NetworkDef = {
  name: 'lab',
  forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
  ips: [{ address: '10.9.0.1', prefix: 24, dhcp: { ranges: [], hosts: [] } }],
  routes: [],
  portgroups: [],
};
const entry: NetworkEntry = {
  name: 'lab',
  uuid: '3e3fce45-4f53-4fa7-bb32-11f34168b82b',
  config: def,
  autostart: false,
  live: def,
  status: null,
  problem: null,
  restarts: [],
};
const update = (section: string, xml: string) =>
  planUpdate(entry, { command: 'add', section, xml, parentIndex: -1, live: true, config: true });

describe('planUpdate refuses values dnsmasq cannot carry, live and config alike (#20)', () => {
  it.each([
    ['dns-txt', "<txt name='info' value='a&#10;dhcp-script=/tmp/pwn'/>", /DNS TXT record value/],
    ['dns-txt', `<txt name='info' value='a "b'/>`, /'"'/],
    ['dns-txt', "<txt name='info' value='a #b'/>", /comment/],
    ['dns-srv', "<srv service='ldap' protocol='tcp' target='a&#10;b' port='1'/>", /DNS SRV target/],
    ['dns-host', "<host ip='10.9.0.7'><hostname>a b</hostname></host>", /DNS host name/],
    ['ip-dhcp-host', "<host mac='52:54:00:00:00:07' name='x,ignore' ip='10.9.0.7'/>", /DHCP host name/],
  ])('%s %s', (section, xml, pattern) => {
    expect(() => update(section, xml)).toThrow(pattern);
  });

  it('accepts an ordinary record', () => {
    const plan = update('dns-txt', "<txt name='info' value='hello world'/>");
    expect(plan.config?.dns?.txts).toEqual([{ name: 'info', value: 'hello world' }]);
  });
});
