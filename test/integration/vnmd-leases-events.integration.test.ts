/**
 * Leases-changed events (issue 4): a guest on a running NAT network takes a lease with
 * udhcpc; a subscriber gets a `leases` event for that network within 1 s of udhcpc finishing
 * (none for a second, idle network), and network.leases then lists the lease.
 */
import { describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import type { VnmEvent } from '../../shared/rpc/contract';
import { createGuest, runUdhcpc } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import type { Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const netXml = (name: string, third: number) => `<network>
  <name>${name}</name><forward mode='nat'/>
  <bridge name='vnmle${third}' stp='off'/>
  <ip address='10.63.${third}.1' prefix='24'><dhcp><range start='10.63.${third}.100' end='10.63.${third}.150'/></dhcp></ip>
</network>`;

let sb: Sandbox | undefined;
let vnmd: Vnmd | undefined;
let client: VnmClient | undefined;
let watcher: VnmClient | undefined;
const received: { event: VnmEvent; at: number }[] = [];

setUpVnmdSandbox('lev', async (s) => {
  ({ sb, vnmd, client } = s);
  // Events go to a second, read-only client, as the UI would watch.
  watcher = await vnmd.client(true);
  watcher.onEvent((event) => received.push({ event, at: Date.now() }));
  await watcher.call('events.subscribe', { types: ['leases'], networks: null });
  await client.call('network.create', { xml: netXml('lev', 0) });
  await client.call('network.create', { xml: netXml('idle', 1) });
});

describe('leases events', () => {
  it('a lease taken by a guest is announced within 1 s and listed by network.leases', async () => {
    const guest = await createGuest(sb!.host, 'vnmle0');
    const started = Date.now();
    const lease = await runUdhcpc(guest.ns, { hostname: 'levguest', tries: 10 });
    const finished = Date.now();
    expect(lease.ip).toMatch(/^10\.63\.0\.(1[0-4]\d|150)$/);
    const deadline = finished + 1000;
    const ours = () => received.filter((r) => r.at >= started && r.event.type === 'leases');
    while (!ours().some((r) => 'network' in r.event && r.event.network === 'lev') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const hit = ours().find((r) => 'network' in r.event && r.event.network === 'lev');
    expect(hit, `no leases event for lev within 1 s; got ${JSON.stringify(received)}`).toBeDefined();
    expect(hit!.at - finished).toBeLessThanOrEqual(1000);
    expect(ours().filter((r) => 'network' in r.event && r.event.network === 'idle')).toEqual([]);

    const rows = await client!.call('network.leases', { network: 'lev' });
    expect(rows.map((r) => ({ mac: r.mac, ip: r.ip, hostname: r.hostname }))).toEqual([
      { mac: guest.mac, ip: lease.ip, hostname: 'levguest' },
    ]);
  }, 60_000);
});
