/**
 * A network port's <bandwidth> (issue 16), measured. On a network without limits, a port with
 * inbound and outbound averages holds the guest whose interface has the port's MAC (its bridge
 * port a libvirt-style tap: that MAC with fe first) within 10% of each limit, while a guest
 * without a port is not held; deleting the port takes its qdiscs and ifb away. On a network
 * with an inbound average, two ports with floors, both saturated at once, each get about their
 * floor (within 10%), where without floors they would share alike; a floor that does not fit,
 * or one on a network without an inbound limit, is refused with libvirt's message and leaves
 * nothing. Payload rates sit near 95% of a limit (htb counts whole frames; see
 * vnmd-bandwidth.integration.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createGuest, type Guest } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { measureTcp } from '../helpers/throughput';
import type { Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const PLAIN_BR = 'vnmpb0';
const QOS_BR = 'vnmpb1';
const IN = 800; // kB/s (1000 bytes/s), libvirt's unit
const OUT = 500;
const NET_IN = 2000;
const FLOORS = [1500, 500] as const;
const OWNER = '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b';

let sb: Sandbox;
let vnmd: Vnmd;
const files = mkdtempSync(join(tmpdir(), 'vnmt-pbw-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

const netXml = (name: string, bridge: string, third: number, bw = '') => `<network>
  <name>${name}</name>
  <bridge name='${bridge}' stp='off'/>${bw}
  <ip address='10.67.${third}.1' prefix='24'/>
</network>`;

setUpVnmdSandbox(
  'pbw',
  async (s) => {
    ({ sb, vnmd } = s);
    const qos = `\n  <bandwidth><inbound average='${NET_IN}' burst='64'/></bandwidth>`;
    for (const [name, xml] of [
      ['plain', netXml('plain', PLAIN_BR, 0)],
      ['qos', netXml('qos', QOS_BR, 1, qos)],
    ] as const) {
      writeFileSync(join(files, `${name}.xml`), xml);
      expect((await vnmd.cli(['net-create', join(files, `${name}.xml`)])).stderr).toBe('');
    }
  },
  { client: false },
);

let seq = 0;
/** net-port-create of a port for `mac` with `bandwidth`; the CLI's result and the port's UUID. */
async function createPort(network: string, mac: string, bandwidth: string) {
  seq++;
  const uuid = `6a1e8fde-5a24-4e37-a0e8-${String(seq).padStart(12, '0')}`;
  const file = join(files, `port${seq}.xml`);
  writeFileSync(
    file,
    `<networkport><uuid>${uuid}</uuid><owner><name>g${seq}</name><uuid>${OWNER}</uuid></owner>` +
      `<mac address='${mac}'/><bandwidth>${bandwidth}</bandwidth></networkport>`,
  );
  return { r: await vnmd.cli(['net-port-create', network, file]), uuid };
}

/** A guest of MAC `mac` whose bridge port is a tap as libvirt makes it (the MAC with fe first). */
const tapGuest = (bridge: string, mac: string, address: string): Promise<Guest> =>
  createGuest(sb.host, bridge, { mac, portMac: `fe${mac.slice(2)}`, address });

const tcShow = async (what: 'qdisc' | 'class' | 'filter', dev: string) =>
  (await sb.host.exec('tc', [what, 'show', 'dev', dev])).stdout;
const links = async () => (await sb.host.exec('ip', ['-o', 'link', 'show'])).stdout;
const kBs = (bps: number) => `${(bps / 1000).toFixed(1)} kB/s`;
const within10 = (bps: number, limit: number) => Math.abs(bps / (limit * 1000) - 1);

describe('a port with inbound and outbound averages on a network without limits', () => {
  const MAC = '52:54:00:67:00:0a';
  let guest: Guest;
  let other: Guest;
  let uuid: string;

  it('shapes the device already on the bridge at once: htb on its egress, its ingress to an ifb', async () => {
    guest = await tapGuest(PLAIN_BR, MAC, '10.67.0.10/24');
    other = await createGuest(sb.host, PLAIN_BR, { address: '10.67.0.11/24' });
    const created = await createPort('plain', MAC, `<inbound average='${IN}'/><outbound average='${OUT}'/>`);
    expect(created.r).toMatchObject({ code: 0, stderr: '' });
    uuid = created.uuid;
    expect(await tcShow('qdisc', guest.port)).toMatch(
      /qdisc htb 1: root .*\n.*qdisc pfifo 2: parent 1:1[\s\S]*qdisc ingress ffff:/,
    );
    expect(await tcShow('class', guest.port)).toMatch(/class htb 1:1 root .* rate 6400Kbit/);
    expect(await links()).toMatch(/vnmpifb[0-9a-f]{8}/);
    expect(await tcShow('qdisc', other.port)).not.toMatch(/htb|ingress/);
  }, 60_000);

  it(`holds traffic towards the guest to ${IN} kB/s within 10%, and not another guest's`, async () => {
    const t = await measureTcp(sb.host, guest.ns, '10.67.0.10', 7201, { bytes: 4_800_000, skip: 800_000 });
    const u = await measureTcp(sb.host, other.ns, '10.67.0.11', 7202, { bytes: 20_000_000, skip: 2_000_000 });
    console.log(
      `port inbound: ${kBs(t.bytesPerSecond)} over ${t.seconds.toFixed(2)} s (limit ${IN} kB/s); guest without a port: ${kBs(u.bytesPerSecond)}`,
    );
    expect(within10(t.bytesPerSecond, IN)).toBeLessThan(0.1);
    expect(u.bytesPerSecond).toBeGreaterThan(IN * 1000 * 3);
  }, 90_000);

  it(`holds traffic from the guest to ${OUT} kB/s within 10%, and not another guest's`, async () => {
    const t = await measureTcp(guest.ns, sb.host, '10.67.0.1', 7203, { bytes: 3_000_000, skip: 500_000 });
    const u = await measureTcp(other.ns, sb.host, '10.67.0.1', 7204, { bytes: 20_000_000, skip: 2_000_000 });
    console.log(
      `port outbound: ${kBs(t.bytesPerSecond)} over ${t.seconds.toFixed(2)} s (limit ${OUT} kB/s); guest without a port: ${kBs(u.bytesPerSecond)}`,
    );
    expect(within10(t.bytesPerSecond, OUT)).toBeLessThan(0.1);
    expect(u.bytesPerSecond).toBeGreaterThan(OUT * 1000 * 3);
  }, 90_000);

  it('refuses a floor on this network (no inbound limit) with libvirt words, recording nothing', async () => {
    const before = (await vnmd.cli(['net-port-list', 'plain', '--uuid'])).stdout;
    const { r } = await createPort('plain', '52:54:00:67:00:0b', "<inbound floor='10'/>");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Invalid use of 'floor' on interface with MAC address 52:54:00:67:00:0b - network 'plain' has no inbound QoS set/,
    );
    expect((await vnmd.cli(['net-port-list', 'plain', '--uuid'])).stdout).toBe(before);
  }, 30_000);

  it('takes the qdiscs and the ifb away when the port is deleted', async () => {
    expect((await vnmd.cli(['net-port-delete', 'plain', uuid])).code).toBe(0);
    expect(await tcShow('qdisc', guest.port)).not.toMatch(/htb|ingress/);
    expect(await links()).not.toMatch(/vnmpifb/);
  }, 30_000);

  it('shapes a device that joins after the port, and unshapes it when the network is destroyed', async () => {
    const mac = '52:54:00:67:00:0c';
    expect((await createPort('plain', mac, `<outbound average='${OUT}'/>`)).r.code).toBe(0);
    const late = await tapGuest(PLAIN_BR, mac, '10.67.0.12/24');
    await vi.waitFor(async () => expect(await tcShow('qdisc', late.port)).toMatch(/ingress ffff:/), {
      timeout: 5000,
    });
    expect((await vnmd.cli(['net-destroy', 'plain'])).code).toBe(0);
    expect(await tcShow('qdisc', late.port)).not.toMatch(/htb|ingress/);
    expect(await links()).not.toMatch(/vnmpifb/);
  }, 30_000);
});

describe('ports with floors on a network with an inbound average', () => {
  const MACS = ['52:54:00:67:01:0a', '52:54:00:67:01:0b'] as const;
  const guests: Guest[] = [];
  const uuids: string[] = [];

  it('records ports whose floors fit, each with its class, shown in net-port-dumpxml', async () => {
    for (const [i, mac] of MACS.entries()) {
      const { r, uuid } = await createPort('qos', mac, `<inbound floor='${FLOORS[i]}'/>`);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      uuids.push(uuid);
    }
    const xml = (await vnmd.cli(['net-port-dumpxml', 'qos', uuids[0]!])).stdout;
    expect(xml).toContain(`<bandwidth classID='3'>\n    <inbound floor='${FLOORS[0]}'/>\n  </bandwidth>`);
  }, 30_000);

  it("refuses a floor that does not fit with libvirt's message, leaving no port and no class", async () => {
    const classes = await tcShow('class', QOS_BR);
    const { r } = await createPort('qos', '52:54:00:67:01:0c', "<inbound floor='1'/>");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `Cannot plug '52:54:00:67:01:0c' interface into '${QOS_BR}' because new combined inbound floor=${NET_IN + 1} would overcommit average=${NET_IN} on network 'qos'`,
      ),
    );
    expect((await vnmd.cli(['net-port-list', 'qos', '--uuid'])).stdout.trim().split('\n')).toHaveLength(2);
    expect(await tcShow('class', QOS_BR)).toBe(classes);
  }, 30_000);

  it('plugs each floor class, with its MAC filter, as its guest joins', async () => {
    for (const [i, mac] of MACS.entries()) guests.push(await tapGuest(QOS_BR, mac, `10.67.1.${10 + i}/24`));
    // vnmd plugs a port's class, then its filter, as each guest joins: wait for all four.
    await vi.waitFor(
      async () => {
        const classes = await tcShow('class', QOS_BR);
        expect(classes).toMatch(/class htb 1:3 parent 1:1 .*rate 12Mbit ceil 16Mbit/);
        expect(classes).toMatch(/class htb 1:4 parent 1:1 .*rate 4Mbit ceil 16Mbit/);
        const filters = await tcShow('filter', QOS_BR);
        expect(filters).toMatch(/flowid 1:3[\s\S]*match 0067010a\/ffffffff at -12/);
        expect(filters).toMatch(/flowid 1:4/);
      },
      { timeout: 5000 },
    );
  }, 60_000);

  it('gives each of two saturating guests about its floor', async () => {
    const [a, b] = await Promise.all([
      measureTcp(sb.host, guests[0]!.ns, '10.67.1.10', 7211, { bytes: 10_500_000, skip: 1_500_000 }),
      measureTcp(sb.host, guests[1]!.ns, '10.67.1.11', 7212, { bytes: 3_500_000, skip: 500_000 }),
    ]);
    console.log(
      `floors: ${kBs(a.bytesPerSecond)} (floor ${FLOORS[0]}) and ${kBs(b.bytesPerSecond)} (floor ${FLOORS[1]}) under ${NET_IN} kB/s`,
    );
    expect(a.bytesPerSecond).toBeGreaterThan(FLOORS[0] * 1000 * 0.9);
    expect(b.bytesPerSecond).toBeGreaterThan(FLOORS[1] * 1000 * 0.9);
  }, 90_000);

  it('takes the class and its filter away when the port is deleted', async () => {
    expect((await vnmd.cli(['net-port-delete', 'qos', uuids[0]!])).code).toBe(0);
    expect(await tcShow('class', QOS_BR)).not.toMatch(/1:3 /);
    expect(await tcShow('filter', QOS_BR)).not.toMatch(/flowid 1:3/);
    expect(await tcShow('filter', QOS_BR)).toMatch(/flowid 1:4/);
  }, 30_000);
});
