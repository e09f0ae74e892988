/**
 * Forward modes through vnmd (acceptance 2-5 of issue 3): routed, isolated and open
 * networks as the guests and the wan see them, a static DHCP host added live with
 * net-update, and the lease time with STP on.
 */
import { describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, randomMac, runUdhcpc } from '../helpers/guest';
import { UPLINK, type Sandbox } from '../helpers/sandbox';
import { canPing, tcpProbe } from '../helpers/traffic';
import { hostSnapshot, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';
import { VnmError } from '../../shared/rpc/errors';

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;

const xml = (name: string, forward: string, third: number, extra = '') => `<network>
  <name>${name}</name>${forward}
  <bridge name='vnm${name}' stp='off'/>${extra}
  <ip address='10.40.${third}.1' prefix='24'><dhcp><range start='10.40.${third}.100' end='10.40.${third}.150'/></dhcp></ip>
</network>`;

setUpVnmdSandbox('modes', (s) => ({ sb, vnmd, client } = s));

async function run(name: string, text: string) {
  await client.call('network.create', { xml: text });
  const a = await createGuest(sb.host, `vnm${name}`);
  const la = await runUdhcpc(a.ns);
  return { guest: a, ip: la.ip };
}

describe('forward modes', () => {
  it('routed: the wan sees the guest address and, given a route, connects in', async () => {
    const { guest, ip } = await run('rt', xml('rt', "<forward mode='route'/>", 1));
    await sb.routeFromWan('10.40.1.0/24');
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7201)).from).toBe(ip);
    expect((await tcpProbe(sb.wan, guest.ns, ip, 7202)).connected).toBe(true);
    await client.call('network.destroy', { network: 'rt' });
  });

  it('isolated: guest to host and guest to guest work, the wan is out of reach both ways', async () => {
    const { guest, ip } = await run('iso', xml('iso', '', 2));
    const other = await createGuest(sb.host, 'vnmiso');
    const otherIp = (await runUdhcpc(other.ns)).ip;
    await sb.routeFromWan('10.40.2.0/24');
    expect(await canPing(guest.ns, '10.40.2.1')).toBe(true);
    expect(await canPing(guest.ns, otherIp)).toBe(true);
    expect((await tcpProbe(guest.ns, sb.wan, UPLINK.wanAddress, 7203)).connected).toBe(false);
    expect((await tcpProbe(sb.wan, guest.ns, ip, 7204)).connected).toBe(false);
    await client.call('network.destroy', { network: 'iso' });
  });

  it('open: vnm adds no nft rules for the network', async () => {
    const tables = async () => (await sb.host.exec('nft', ['list', 'tables'])).stdout;
    const before = await tables();
    await run('opn', xml('opn', "<forward mode='open'/>", 3));
    expect(await tables()).toBe(before);
    await client.call('network.destroy', { network: 'opn' });
  });
});

describe('networks on devices vnm does not own', () => {
  it('bridge mode uses an existing host bridge: nothing created, nothing removed', async () => {
    await sb.host.exec('ip', ['link', 'add', 'hostbr0', 'type', 'bridge']);
    const before = await hostSnapshot(sb.host);
    const text = "<network><name>hb</name><forward mode='bridge'/><bridge name='hostbr0'/></network>";
    await client.call('network.define', { xml: text });
    expect((await client.call('network.start', { network: 'hb' })).active).toBe(true);
    expect(await hostSnapshot(sb.host)).toEqual(before);
    await client.call('network.destroy', { network: 'hb' });
    await client.call('network.undefine', { network: 'hb' });
    expect(await hostSnapshot(sb.host)).toEqual(before);
    await sb.host.exec('ip', ['link', 'del', 'hostbr0']);
  });

  it.each(['private', 'vepa', 'passthrough'])(
    '%s mode is defined and shown, and start says why not',
    async (mode) => {
      const text = `<network><name>d${mode}</name><forward mode='${mode}'><interface dev='up0'/></forward></network>`;
      await client.call('network.define', { xml: text });
      expect((await client.call('network.info', { network: `d${mode}` })).kind).toBe(mode);
      const err = await client.call('network.start', { network: `d${mode}` }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VnmError);
      expect((err as VnmError).kind).toBe('unsupported');
      console.log(`${mode}: ${(err as VnmError).message}`);
      await client.call('network.undefine', { network: `d${mode}` });
    },
  );
});

describe('net-update --live', () => {
  it('gives a guest its reserved address at the next lease, without restarting the network', async () => {
    await client.call('network.define', { xml: xml('upd', "<forward mode='nat'/>", 4) });
    await client.call('network.start', { network: 'upd' });
    const mac = randomMac();
    const guest = await createGuest(sb.host, 'vnmupd', { mac });
    const first = await runUdhcpc(guest.ns);
    expect(first.ip).toMatch(/^10\.40\.4\.1\d\d$/);
    const pid = (await client.call('network.info', { network: 'upd' })).dnsmasqPid;
    const host = `<host mac='${mac}' name='reserved' ip='10.40.4.42'/>`;
    const r = await vnmd.cli(['net-update', 'upd', 'add', 'ip-dhcp-host', host, '--live', '--config']);
    expect(r.stdout).toContain('Updated network upd persistent config and live state');
    // A client that forgets its lease (a new boot) asks afresh and gets the reservation.
    await guest.ns.exec('ip', ['addr', 'flush', 'dev', 'eth0']);
    const second = await runUdhcpc(guest.ns);
    expect(second.ip).toBe('10.40.4.42');
    expect((await client.call('network.info', { network: 'upd' })).dnsmasqPid).toBe(pid);
    expect((await client.call('network.getXml', { network: 'upd', inactive: true })).xml).toContain(
      "ip='10.40.4.42'",
    );
    await client.call('network.update', {
      network: 'upd',
      command: 'delete',
      section: 'ip-dhcp-host',
      xml: host,
      live: true,
      config: true,
    });
    expect((await client.call('network.getXml', { network: 'upd' })).xml).not.toContain('10.40.4.42');
    await client.call('network.destroy', { network: 'upd' });
    await client.call('network.undefine', { network: 'upd' });
  });
});

describe('lease time', () => {
  it('with STP on is longer (forward delay), and reported', async () => {
    const text = xml('stp', "<forward mode='nat'/>", 5).replace("stp='off'", "stp='on' delay='0'");
    await client.call('network.create', { xml: text });
    const guest = await createGuest(sb.host, 'vnmstp');
    const lease = await runUdhcpc(guest.ns, { tries: 15 });
    console.log(`DHCP lease with stp='on' in ${lease.elapsedMs} ms`);
    expect(lease.ip).toMatch(/^10\.40\.5\./);
    await client.call('network.destroy', { network: 'stp' });
  });
});
