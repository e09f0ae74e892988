/**
 * Issue #16, against the real vnmd in a sandbox: definitions libvirt accepts at define and
 * that cannot run here fail at start with a reason, and leave the host exactly as it was.
 * - <domain register='yes'> needs systemd-resolved, which this sandbox does not run: the
 *   start gets as far as registering (bridge, firewall and dnsmasq are up) and is reverted.
 * - An all-zero bridge MAC, which Linux refuses (libvirt's "Cannot assign requested address").
 * And one libvirt refuses at define: a hostdev pool address that is not an SR-IOV virtual
 * function on this host (this machine has none).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { VnmError } from '../../shared/rpc/errors';
import { type Sandbox } from '../helpers/sandbox';
import { snapshot } from '../helpers/snapshot';
import { type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;

function files(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name).slice(dir.length)],
    );
  return walk(dir).sort();
}

async function refusal(p: Promise<unknown>): Promise<VnmError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VnmError);
  return err as VnmError;
}

/** Starts `name` expecting a refusal that matches `why`; the host and files must not change. */
async function startRefused(name: string, why: RegExp): Promise<void> {
  const before = await snapshot(sb.host);
  const filesBefore = files(vnmd.dirs.base);
  const err = await refusal(client.call('network.start', { network: name }));
  expect(err.message).toMatch(why);
  expect(await snapshot(sb.host)).toEqual({ ...before, sysctls: (await snapshot(sb.host)).sysctls });
  expect(files(vnmd.dirs.base)).toEqual(filesBefore);
  const info = await client.call('network.info', { network: name });
  expect(info.active).toBe(false);
}

setUpVnmdSandbox('hsr', (s) => ({ sb, vnmd, client } = s));

describe('start refusals (#16)', () => {
  it("<domain register='yes'> without systemd-resolved: a clear reason, and the start reverted", async () => {
    await client.call('network.define', {
      xml:
        "<network><name>reg1</name><forward mode='nat'/><bridge name='vnmsr1'/>" +
        "<domain name='lab.test' localOnly='yes' register='yes'/>" +
        "<ip address='10.65.1.1' prefix='24'><dhcp><range start='10.65.1.10' end='10.65.1.20'/></dhcp></ip></network>",
    });
    await startRefused(
      'reg1',
      /Failed to start network 'reg1' while registering the domain with systemd-resolved: .*lab\.test with systemd-resolved.*start systemd-resolved on this host, or remove register='yes'.*restored/,
    );
    await client.call('network.undefine', { network: 'reg1' });
  });

  it('an all-zero bridge MAC: defined, then refused at start in libvirt words', async () => {
    await client.call('network.define', {
      xml:
        "<network><name>zmac</name><bridge name='vnmsr2'/><mac address='00:00:00:00:00:00'/>" +
        "<ip address='10.65.2.1' prefix='24'/></network>",
    });
    await startRefused(
      'zmac',
      /Cannot set interface MAC to 00:00:00:00:00:00 .*Cannot assign requested address/,
    );
    await client.call('network.undefine', { network: 'zmac' });
  });

  it('a hostdev pool address that is no virtual function here: refused at define, nothing stored', async () => {
    const filesBefore = files(vnmd.dirs.base);
    const err = await refusal(
      client.call('network.define', {
        xml:
          "<network><name>hd1</name><forward mode='hostdev' managed='yes'>" +
          "<address type='pci' domain='0x0000' bus='0x7f' slot='0x1e' function='0x3'/></forward></network>",
      }),
    );
    expect(err.message).toBe(
      "device '/sys/bus/pci/devices/0000:7f:1e.3' in network 'hd1' is not an SR-IOV Virtual Function: list the virtual functions of an SR-IOV card (each has a physfn link in sysfs), or use <pf dev='...'/> to take them all.",
    );
    expect(existsSync(join(vnmd.dirs.configDir, 'hd1.xml'))).toBe(false);
    expect(files(vnmd.dirs.base)).toEqual(filesBefore);
  });
});
