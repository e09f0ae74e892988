/**
 * Issue #16: <dnsmasq:options> against the real vnmd and dnsmasq in a sandbox. A cname=
 * option given in the definition is kept through define and dumpxml and answers in a guest;
 * the same network without it does not know the alias (the option is what makes it resolve).
 * An option that is not one line is refused at define and leaves nothing behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { VnmError } from '../../shared/rpc/errors';
import { createGuest, type Guest } from '../helpers/guest';
import { type Sandbox } from '../helpers/sandbox';
import { type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const NS = 'http://libvirt.org/schemas/network/dnsmasq/1.0';
const TARGET = '10.64.1.77';

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;

const net = (options: readonly string[], name = 'opt1') =>
  `<network xmlns:dnsmasq='${NS}'><name>${name}</name><forward mode='nat'/><bridge name='vnmop1' stp='off'/>` +
  `<dns><host ip='${TARGET}'><hostname>target.lab</hostname></host></dns>` +
  `<ip address='10.64.1.1' prefix='24'/>` +
  (options.length > 0
    ? `<dnsmasq:options>${options.map((o) => `<dnsmasq:option value='${o}'/>`).join('')}</dnsmasq:options>`
    : '') +
  `</network>`;

async function lookup(guest: Guest, name: string): Promise<string> {
  const r = await guest.ns.tryExec('busybox', ['nslookup', name, '10.64.1.1']);
  return `${r.stdout}\n${r.stderr}`;
}

setUpVnmdSandbox('hdo', (s) => ({ sb, vnmd, client } = s));

describe('<dnsmasq:options> (#16)', () => {
  it('a cname= option is kept and resolves in a guest; without it the alias is unknown', async () => {
    await client.call('network.define', { xml: net([]) });
    await client.call('network.start', { network: 'opt1' });
    const guest = await createGuest(sb.host, 'vnmop1', { address: '10.64.1.20/24' });
    await guest.ns.exec('ip', ['link', 'set', 'dev', 'eth0', 'up']);
    // The control: dnsmasq answers for the host record (once the new port forwards), and
    // knows no alias.
    await vi.waitFor(async () => expect(await lookup(guest, 'target.lab')).toContain(TARGET), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await lookup(guest, 'alias.lab')).not.toContain(TARGET);
    await client.call('network.destroy', { network: 'opt1' });

    await client.call('network.define', { xml: net(['cname=alias.lab,target.lab', 'log-queries']) });
    const dump = await vnmd.cli(['net-dumpxml', 'opt1']);
    expect(dump.stdout).toContain(`<network xmlns:dnsmasq='${NS}'>`);
    expect(dump.stdout).toContain(
      "  <dnsmasq:options>\n    <dnsmasq:option value='cname=alias.lab,target.lab'/>\n    <dnsmasq:option value='log-queries'/>\n  </dnsmasq:options>\n</network>",
    );
    await client.call('network.start', { network: 'opt1' });
    // The bridge was made anew: plug the guest's port into it again, as libvirt replugs a VM.
    await sb.host.exec('ip', ['link', 'set', 'dev', guest.port, 'master', 'vnmop1']);
    const conf = readFileSync(join(vnmd.dirs.stateDir, 'dnsmasq', 'opt1.conf'), 'utf8');
    expect(conf).toMatch(/\ncname=alias\.lab,target\.lab\nlog-queries\n/);
    await vi.waitFor(async () => expect(await lookup(guest, 'target.lab')).toContain(TARGET), {
      timeout: 20_000,
      interval: 250,
    });
    const answer = await lookup(guest, 'alias.lab');
    expect(answer).toContain(TARGET);
    expect(answer).toMatch(/target\.lab/);
    await guest.ns.destroy();
    await client.call('network.destroy', { network: 'opt1' });
    await client.call('network.undefine', { network: 'opt1' });
  });

  it('an option of two lines is refused at define, naming it, and nothing is stored', async () => {
    const err = await client
      .call('network.define', { xml: net(['cname=a.lab,target.lab&#10;dhcp-script=/bin/true'], 'opt2') })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(VnmError);
    expect((err as VnmError).message).toMatch(/Invalid dnsmasq option .*write each option as one line/);
    expect(existsSync(join(vnmd.dirs.configDir, 'opt2.xml'))).toBe(false);
  });
});
