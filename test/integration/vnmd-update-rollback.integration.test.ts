/**
 * A net-update --live --config that fails is not half-applied (issue 20, item 6): the
 * definition on disk stays as it was, dnsmasq keeps running with the old configuration, and
 * the network still starts after vnmd restarts. The update tried is a TXT record whose
 * value holds a `"`; whichever step refuses it (validation, or dnsmasq when it restarts),
 * nothing may change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createNetns, destroyAllNetns, type Netns } from '../helpers/netns';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const XML = `<network>
  <name>urb</name>
  <forward mode='nat'/>
  <bridge name='urbbr0' stp='off'/>
  <dns><txt name='good' value='old'/></dns>
  <ip address='10.85.0.1' prefix='24'><dhcp><range start='10.85.0.10' end='10.85.0.50'/></dhcp></ip>
</network>`;

let ns: Netns;
let vnmd: Vnmd;

beforeAll(async () => {
  ns = await createNetns('urb');
  await ns.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
  vnmd = await startVnmd(ns);
});

afterAll(async () => {
  await vnmd?.kill();
  await destroyAllNetns();
  if (vnmd) removeDirs(vnmd.dirs);
});

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

const files = () => ({
  definition: join(vnmd.dirs.configDir, 'urb.xml'),
  dnsmasqConf: join(vnmd.dirs.stateDir, 'dnsmasq', 'urb.conf'),
});

async function state(c: VnmClient) {
  const info = await c.call('network.info', { network: 'urb' });
  return {
    active: info.active,
    problem: info.problem,
    dnsmasqAlive: info.dnsmasqPid !== null && cmdline(info.dnsmasqPid).includes('dnsmasq'),
    definition: readFileSync(files().definition, 'utf8'),
    dnsmasqConf: readFileSync(files().dnsmasqConf, 'utf8'),
    live: (await c.call('network.getXml', { network: 'urb', inactive: false })).xml,
    config: (await c.call('network.getXml', { network: 'urb', inactive: true })).xml,
  };
}

describe('net-update --live --config that fails', () => {
  it('changes nothing on disk nor in the running network', async () => {
    const c = await vnmd.client();
    await c.call('network.define', { xml: XML });
    await c.call('network.start', { network: 'urb' });
    const before = await state(c);
    expect(before).toMatchObject({ active: true, problem: null, dnsmasqAlive: true });
    const update = c.call('network.update', {
      network: 'urb',
      command: 'add-last',
      section: 'dns-txt',
      xml: `<txt name='bad' value='a"b'/>`,
      live: true,
      config: true,
    });
    await expect(update).rejects.toThrow();
    expect(await state(c)).toEqual(before);
    c.close();

    // After a restart the network is adopted as it was, and starts again from its definition.
    await vnmd.kill();
    vnmd = await startVnmd(ns, { dirs: vnmd.dirs });
    const c2 = await vnmd.client();
    expect(await state(c2)).toEqual(before);
    await c2.call('network.destroy', { network: 'urb' });
    await c2.call('network.start', { network: 'urb' });
    expect(await state(c2)).toMatchObject({ active: true, problem: null, dnsmasqAlive: true });
    await c2.call('network.destroy', { network: 'urb' });
    await c2.call('network.undefine', { network: 'urb' });
    c2.close();
  });
});
