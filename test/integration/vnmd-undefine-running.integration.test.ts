/**
 * Undefining a running persistent network, as libvirt does it (issue 16): the definition and
 * its autostart link go, the network goes on running as a transient one (bridge, dnsmasq and
 * rules stay), a restarted vnmd adopts it as transient, and its destroy then leaves no trace.
 * Live XML of a running NAT network shows libvirt's live-only facts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGuest } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { snapshot } from '../helpers/snapshot';
import { startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const XML = `<network>
  <name>keep</name>
  <forward mode='nat'/>
  <bridge name='vnmkeep0' stp='off'/>
  <ip address='10.77.0.1' prefix='24'><dhcp><range start='10.77.0.10' end='10.77.0.20'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;

setUpVnmdSandbox('undef', (s) => ({ sb, vnmd, client } = s));

describe('net-undefine of a running network', () => {
  it('leaves it running as a transient network, adopted so after a restart, gone after destroy', async () => {
    const before = await snapshot(sb.host);
    await client.call('network.define', { xml: XML });
    await client.call('network.setAutostart', { network: 'keep', autostart: true });
    await client.call('network.start', { network: 'keep' });
    const running = await snapshot(sb.host);

    await client.call('network.undefine', { network: 'keep' });
    expect(await client.call('network.list', { filter: 'all' })).toMatchObject([
      { name: 'keep', active: true, persistent: false, autostart: false },
    ]);
    expect(readdirSync(vnmd.dirs.configDir).filter((f) => f.endsWith('.xml'))).toEqual([]);
    expect(existsSync(join(vnmd.dirs.configDir, 'autostart', 'keep.xml'))).toBe(false);
    expect(await snapshot(sb.host)).toEqual(running);

    await vnmd.stop();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    client = await vnmd.client();
    expect(vnmd.log()).toContain('adopted running network keep');
    expect(await client.call('network.info', { network: 'keep' })).toMatchObject({
      active: true,
      persistent: false,
    });

    await client.call('network.destroy', { network: 'keep' });
    expect(await client.call('network.list', { filter: 'all' })).toEqual([]);
    // The same host but for the restarted vnmd's pid (and sysctls vnmd set on the first start).
    const host = (s: typeof before) => ({
      ...s,
      sysctls: null,
      processes: s.processes.filter((p) => !p.includes(' daemon ')),
    });
    expect(host(await snapshot(sb.host))).toEqual(host(before));
  });

  it('refuses to undefine a transient network', async () => {
    await client.call('network.create', { xml: XML });
    await expect(client.call('network.undefine', { network: 'keep' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await client.call('network.destroy', { network: 'keep' });
  });
});

describe('live XML of a running NAT network', () => {
  it("shows NAT's port range and the guests connected, the saved XML neither", async () => {
    await client.call('network.define', { xml: XML });
    await client.call('network.start', { network: 'keep' });
    const live = async () => (await client.call('network.getXml', { network: 'keep', inactive: false })).xml;
    expect(await live()).toMatch(/^<network>\n/);
    expect(await live()).toContain("<nat>\n      <port start='1024' end='65535'/>\n    </nat>");
    await createGuest(sb.host, 'vnmkeep0');
    expect(await live()).toMatch(/^<network connections='1'>\n/);
    const saved = (await client.call('network.getXml', { network: 'keep', inactive: true })).xml;
    expect(saved).not.toMatch(/connections|<nat>/);
    await client.call('network.destroy', { network: 'keep' });
    await client.call('network.undefine', { network: 'keep' });
  });
});
