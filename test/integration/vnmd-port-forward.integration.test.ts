/**
 * Port forwards through vnmd and the `vnm` CLI (issue #14): a TCP server in a NAT guest is
 * reached from the wan through the host's uplink address once `net-forward-add` has run on
 * the running network, and no longer once `net-forward-remove` has; the nft ruleset after
 * removal and after destroy is the one before; bad input is refused with an `error:` line
 * and changes neither the ruleset nor the stored XML.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, type Guest } from '../helpers/guest';
import { UPLINK, type Sandbox } from '../helpers/sandbox';
import { tcpProbe } from '../helpers/traffic';
import { startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const GUEST = '10.42.1.10';
const PORT = 7310;

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;
let guest: Guest;

const natXml = (name: string, third: number) => `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  <bridge name='vnm${name}' stp='off'/>
  <ip address='10.42.${third}.1' prefix='24'/>
</network>`;

/** The whole ruleset as nft prints it, handles and counters included. */
async function ruleset(): Promise<string> {
  return (await sb.host.exec('nft', ['-j', 'list', 'ruleset'])).stdout;
}

/**
 * The ruleset without counter values (-s), for comparisons across which traffic flowed, or
 * may have: a new bridge's own multicast reports land in its network's counters for seconds.
 */
async function rulesetStateless(): Promise<string> {
  return (await sb.host.exec('nft', ['-s', '-j', 'list', 'ruleset'])).stdout;
}

const storedXml = (name: string) => readFileSync(join(vnmd.dirs.configDir, `${name}.xml`), 'utf8');

setUpVnmdSandbox('pfwd', (s) => ({ sb, vnmd, client } = s));

describe('a port forward on a running NAT network', () => {
  let beforeStart: string;

  beforeAll(async () => {
    beforeStart = await rulesetStateless();
    await client.call('network.define', { xml: natXml('pf', 1) });
    await client.call('network.start', { network: 'pf' });
    guest = await createGuest(sb.host, 'vnmpf', { address: `${GUEST}/24`, gateway: '10.42.1.1' });
  });

  it('reaches the guest from the wan with the wan as source, and not after removal', async () => {
    const beforeAdd = await rulesetStateless();
    // Nothing forwards the port yet: the host itself answers (and refuses).
    expect((await tcpProbe(sb.wan, guest.ns, UPLINK.hostAddress, PORT)).connected).toBe(false);

    const add = await vnmd.cli([
      'net-forward-add',
      'pf',
      'tcp',
      String(PORT),
      GUEST,
      '--description',
      'echo',
    ]);
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('Added port forward tcp 7310 to network pf live state');
    const list = await vnmd.cli(['net-forward-list', 'pf']);
    expect(list.stdout).toMatch(/ tcp +\* +7310 +10\.42\.1\.10 +7310 +- +echo/);

    const seen = await tcpProbe(sb.wan, guest.ns, UPLINK.hostAddress, PORT);
    expect(seen).toMatchObject({ connected: true, from: UPLINK.wanAddress });

    const rm = await vnmd.cli(['net-forward-remove', 'pf', 'tcp', String(PORT)]);
    expect(rm.stderr).toBe('');
    expect((await tcpProbe(sb.wan, guest.ns, UPLINK.hostAddress, PORT)).connected).toBe(false);
    expect(await rulesetStateless()).toBe(beforeAdd);
    expect((await vnmd.cli(['net-forward-list', 'pf', '--json'])).stdout.trim()).toBe('[]');
  });

  it('adds and removes a forward leaving the ruleset exactly as it was, counters included', async () => {
    const before = await ruleset();
    await vnmd.cli(['net-forward-add', 'pf', 'all', '8000-8009', `${GUEST}:9000-9009`]);
    expect(await ruleset()).not.toBe(before);
    await vnmd.cli(['net-forward-remove', 'pf', 'all', '8000']);
    expect(await ruleset()).toBe(before);
  });

  it('is kept by a restarted vnmd, which adopts the running definition', async () => {
    await vnmd.cli(['net-forward-add', 'pf', 'tcp', String(PORT), GUEST]);
    await vnmd.stop();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    client.close();
    client = await vnmd.client();
    const { forwards } = await client.call('network.forwards', { name: 'pf' });
    expect(forwards.map((f) => f.hostPort.start)).toEqual([PORT]);
    expect((await tcpProbe(sb.wan, guest.ns, UPLINK.hostAddress, PORT)).from).toBe(UPLINK.wanAddress);
    await vnmd.cli(['net-forward-remove', 'pf', 'tcp', String(PORT)]);
  });

  it('leaves no trace once the network is destroyed', async () => {
    await vnmd.cli(['net-forward-add', 'pf', 'udp', '5353', GUEST]);
    await client.call('network.destroy', { network: 'pf' });
    expect(await rulesetStateless()).toBe(beforeStart);
    // Added live only: the stored definition never had it.
    expect(storedXml('pf')).not.toContain('5353');
  });
});

describe('bad input', () => {
  beforeAll(async () => {
    await client.call('network.define', { xml: natXml('pfa', 2) });
    await client.call('network.start', { network: 'pfa' });
    await client.call('network.define', { xml: natXml('pfb', 3) });
    await client.call('network.start', { network: 'pfb' });
    const isolated =
      "<network><name>pfi</name><bridge name='vnmpfi'/><ip address='10.42.4.1' prefix='24'/></network>";
    await client.call('network.define', { xml: isolated });
    await client.call('network.start', { network: 'pfi' });
    await client.call('network.define', { xml: natXml('pfd', 5) });
    // Claimed already: tcp 8080 on pfb, live and stored.
    await vnmd.cli(['net-forward-add', 'pfb', 'tcp', '8080', '10.42.3.10', '--live', '--config']);
    await vnmd.cli(['net-forward-add', 'pfa', 'tcp', '8443', '10.42.2.10', '--live', '--config']);
  });

  it.each([
    ['port 0', ['pfa', 'tcp', '0', '10.42.2.10'], /out of range/],
    ['port 70000', ['pfa', 'tcp', '70000', '10.42.2.10'], /out of range/],
    ['a reversed range', ['pfa', 'tcp', '9010-9000', '10.42.2.10'], /reversed/],
    ['ranges of unequal length', ['pfa', 'tcp', '9000-9001', '10.42.2.10:80-82'], /same length/],
    ['a guest outside the subnet', ['pfa', 'tcp', '9000', '10.99.0.10'], /outside network 'pfa'/],
    ['the gateway as guest', ['pfa', 'tcp', '9000', '10.42.2.1'], /gateway|network's own/i],
    ['a host port taken in this network', ['pfa', 'all', '8443', '10.42.2.11', '--config'], /8443/],
    ['a host port taken in another network', ['pfa', 'all', '8080', '10.42.2.10'], /pfb/],
    ['an isolated network', ['pfi', 'tcp', '9000', '10.42.4.10'], /nat/i],
    [
      'a description with a newline',
      ['pfa', 'tcp', '9000', '10.42.2.10', '--description', 'a\nb'],
      /description/i,
    ],
    ['an unknown protocol', ['pfa', 'sctp', '9000', '10.42.2.10'], /tcp, udp or all/],
    ['a range overlapping another network', ['pfa', 'tcp', '8075-8085', '10.42.2.10'], /pfb/],
    ['the subnet address as guest', ['pfa', 'tcp', '9000', '10.42.2.0'], null],
    ['the broadcast address as guest', ['pfa', 'tcp', '9000', '10.42.2.255'], null],
    ['guest port 0', ['pfa', 'tcp', '9000', '10.42.2.10:0'], /out of range/],
    ['a reversed guest range', ['pfa', 'tcp', '9000-9001', '10.42.2.10:81-80'], /reversed/],
    ['a host port that is no number', ['pfa', 'tcp', 'http', '10.42.2.10'], /not a port/],
    ['a host address that is no address', ['pfa', 'tcp', '9000', '10.42.2.10', '--address', 'uplink'], null],
    ['an IPv6 guest on an IPv4-only network', ['pfa', 'tcp', '9000', 'fd00::10'], null],
    ['a description too long', ['pfa', 'tcp', '9000', '10.42.2.10', '--description', 'x'.repeat(300)], /256/],
    [
      'a description with an escape',
      ['pfa', 'tcp', '9000', '10.42.2.10', '--description', 'a\u001b[31m'],
      null,
    ],
    ['--live on an inactive network', ['pfd', 'tcp', '9000', '10.42.5.10', '--live'], /not active/],
    ['a network that does not exist', ['nosuch', 'tcp', '9000', '10.42.2.10'], /nosuch/],
    [
      'an IPv6 host address for an IPv4 guest',
      ['pfa', 'tcp', '9000', '10.42.2.10', '--address', '2001:db8:ff::2'],
      null,
    ],
  ])('refuses %s with an error line and changes nothing', async (_what, args, message) => {
    const nft = await rulesetStateless();
    const stored = [storedXml('pfa'), storedXml('pfb'), storedXml('pfi'), storedXml('pfd')];
    const r = await vnmd.cli(['net-forward-add', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /m);
    if (message) expect(r.stderr).toMatch(message);
    expect(await rulesetStateless()).toBe(nft);
    expect([storedXml('pfa'), storedXml('pfb'), storedXml('pfi'), storedXml('pfd')]).toEqual(stored);
  });

  it.each([
    ['a forward that is not there', ['pfa', 'tcp', '9999']],
    ['an unknown protocol', ['pfa', 'icmp', '8443']],
    ['a network that does not exist', ['nosuch', 'tcp', '8443']],
  ])('net-forward-remove refuses %s and changes nothing', async (_what, args) => {
    const nft = await rulesetStateless();
    const stored = storedXml('pfa');
    const r = await vnmd.cli(['net-forward-remove', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /m);
    expect(await rulesetStateless()).toBe(nft);
    expect(storedXml('pfa')).toBe(stored);
  });

  it('net-define refuses a definition whose forwards clash with another network', async () => {
    const stored = storedXml('pfa');
    const xml = storedXml('pfa').replace('hostPort="8443"', 'hostPort="8080"');
    expect(xml).not.toBe(stored);
    const file = join(vnmd.dirs.base, 'clash.xml');
    writeFileSync(file, xml);
    const r = await vnmd.cli(['net-define', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*8080/m);
    expect(storedXml('pfa')).toBe(stored);
  });
});
