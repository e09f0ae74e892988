/**
 * A net-update --live --config that fails is not half-applied (issue 20, item 6): the
 * definition on disk stays as it was, dnsmasq keeps running with the old configuration, and
 * the network still starts after vnmd restarts. The update tried is a TXT record whose
 * value holds a `"`; whichever step refuses it (validation, or dnsmasq when it restarts),
 * nothing may change.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createNetns, destroyAllNetns, type TestNetns } from '../helpers/netns';
import { makeDirs, removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const XML = `<network>
  <name>urb</name>
  <forward mode='nat'/>
  <bridge name='urbbr0' stp='off'/>
  <dns><txt name='good' value='old'/></dns>
  <ip address='10.85.0.1' prefix='24'><dhcp><range start='10.85.0.10' end='10.85.0.50'/></dhcp></ip>
</network>`;

let ns: TestNetns;
let vnmd: Vnmd;

beforeAll(async () => {
  ns = await createNetns('urb');
  await ns.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
  vnmd = await startVnmd(ns);
});

const mounts: string[] = [];

afterAll(async () => {
  await vnmd?.kill();
  for (const m of mounts) execFileSync('umount', ['-l', m]);
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

  // Since item 2, validation refuses the `"` above before any step runs, so that case no
  // longer reaches the live step. Here the live step itself fails after validation passed:
  // dnsmasq's directory is full, so its new hosts file cannot be written. Saving the config
  // first (the old order) would leave the new host in the definition on disk.
  it('saves nothing when the live step fails after validation passed (a full disk)', async () => {
    await vnmd.kill();
    removeDirs(vnmd.dirs);
    const dirs = makeDirs();
    const dnsmasqDir = join(dirs.stateDir, 'dnsmasq');
    mkdirSync(dnsmasqDir, { recursive: true });
    // Before vnmd starts: `ip netns exec` copies the mount table when it runs vnmd.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'tmpfs', dnsmasqDir]);
    mounts.push(dnsmasqDir);
    vnmd = await startVnmd(ns, { dirs });
    const c = await vnmd.client();
    await c.call('network.define', { xml: XML });
    await c.call('network.start', { network: 'urb' });
    const before = await state(c);
    const pid = (await c.call('network.info', { network: 'urb' })).dnsmasqPid;
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(dnsmasqDir, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
    } catch {
      // dd stops with "No space left on device": that is the point.
    }
    const update = c.call('network.update', {
      network: 'urb',
      command: 'add-last',
      section: 'ip-dhcp-host',
      xml: "<host mac='52:54:00:00:00:42' name='late' ip='10.85.0.42'/>",
      live: true,
      config: true,
    });
    await expect(update).rejects.toThrow(
      /Failed to update network 'urb' live: Could not save .*no space left/,
    );
    expect(await state(c)).toEqual(before);
    expect((await c.call('network.info', { network: 'urb' })).dnsmasqPid).toBe(pid);
    await c.call('network.destroy', { network: 'urb' });
    await c.call('network.undefine', { network: 'urb' });
    c.close();
  });
});
