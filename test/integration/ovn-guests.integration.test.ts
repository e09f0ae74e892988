/**
 * Issue 19, the daemon's view of an OVN network's guests, against a real OVN (central + two
 * simulated hosts, test/helpers/ovn-hosts.ts), with a vnmd on each host: host A's defines the
 * networks. Leases on A name the guests of A and B with their chassis; A's stats count A's
 * guest; B's vnmd, which defines nothing, answers ovn.localPorts with B's guest; a routed
 * network reaches the uplink with the guests' own addresses; diagnose checks the chassis, the
 * network's rows, its gateway and every guest port, and names a row removed behind vnm's back;
 * a frozen control plane gives an error within the timeout, diagnose included; every <vnm:ovn>
 * value that could be read as OVSDB or ovn-nbctl syntax is refused at define, and what is
 * accepted reaches the northbound database unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { chassisPorts } from '../../electron/helper/ovn/chassis-ports';
import { ovnConfig } from '../../electron/helper/ovn/config';
import { networkGuestPorts } from '../../electron/helper/ovn/guest-ports';
import type { DiagnoseResult, StatsSample } from '../../shared/rpc/contract';
import { runUdhcpc } from '../helpers/guest';
import type { TestNetns } from '../helpers/netns';
import { createOvnLab, ovnMissing, type OvnHost, type OvnLab } from '../helpers/ovn-hosts';
import { cliBundle, killAllVnmd, makeDirs, removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';
import { HOSTILE, hostileCases, nbSnapshot, ovnNetworkXml, portXml } from './ovn-guests-fixtures';

const skip = ovnMissing();
const UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d101';
const RT_UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d102';
const NS = 'xmlns:vnm="https://vnm.example/xmlns/network/1.0"';

const NAT = ovnNetworkXml(
  'gspan',
  UUID,
  `<vnm:ovn ${NS} mode="nat" subnet="10.77.0.0/24">
      <vnm:dhcp start="10.77.0.100" end="10.77.0.199" leaseTime="600"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.10/24" nexthop="198.51.100.1"/>
    </vnm:ovn>`,
);
const ROUTED = ovnNetworkXml(
  'grouted',
  RT_UUID,
  `<vnm:ovn ${NS} mode="routed" subnet="10.80.0.0/24">
      <vnm:dhcp start="10.80.0.100" end="10.80.0.199"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.20/24" nexthop="198.51.100.1"/>
    </vnm:ovn>`,
);

const DIAG_UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d104';
const DIAG = ovnNetworkXml(
  'gdiag',
  DIAG_UUID,
  `<vnm:ovn ${NS} mode="isolated" subnet="10.81.0.0/24">
      <vnm:dhcp start="10.81.0.100" end="10.81.0.199"/>
    </vnm:ovn>`,
);

/** Polls `check` until it gives a value, or fails naming `what` after `ms`. */
async function until<T>(what: string, check: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function pings(from: TestNetns, to: string, size = 56, tries = 10): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const r = await from.tryExec('ping', ['-c1', '-W1', '-s', String(size), to]);
    if (r.code === 0) return true;
  }
  return false;
}

async function inactiveXml(network: string): Promise<string> {
  return (await ca.call('network.getXml', { network, inactive: true })).xml;
}

async function rejection(p: Promise<unknown>): Promise<Error | null> {
  return p.then(
    () => null,
    (e: unknown) => e as Error,
  );
}

let lab: OvnLab;
let a: Vnmd;
let b: Vnmd;
let ca: VnmClient;
let cb: VnmClient;
const t0 = Date.now();

describe.skipIf(skip !== null)(`OVN guests seen by vnmd${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let hostA: OvnHost;
  let hostB: OvnHost;
  let uplink: TestNetns;
  let guestA: TestNetns;
  let guestB: TestNetns;
  const mac = { a: '52:54:00:77:01:0a', b: '52:54:00:77:01:0b' };
  const ip = { a: '', b: '' };
  const iface = { a: '', b: '' };

  beforeAll(async () => {
    lab = await createOvnLab(2);
    [hostA, hostB] = lab.hosts as [OvnHost, OvnHost];
    uplink = await lab.addUplink(hostA, 'uplink', '198.51.100.1/24');
    [a, b] = await Promise.all([
      startVnmd(hostA.ns, { env: hostA.env }),
      startVnmd(hostB.ns, { env: hostB.env }),
    ]);
    [ca, cb] = await Promise.all([a.client(), b.client()]);
    await lab.central.nbctl(['ls-add', 'foreign']);
  }, 90_000);

  afterAll(async () => {
    for (const dirs of await killAllVnmd()) removeDirs(dirs);
    await lab?.destroy();
    console.log(`ovn-guests: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  });

  it('vnm daemon --ovn-nb-db names the northbound database, and refuses what is not an OVSDB address', async () => {
    const facts = await cb.call('host.ovn', {});
    expect(facts.northbound).toMatchObject({ db: lab.central.nbRemote, reachable: true });
    const dirs = makeDirs();
    try {
      const r = await hostB.ns.tryExec('node', [
        await cliBundle(),
        'daemon',
        '--runtime-dir',
        dirs.runtimeDir,
        '--config-dir',
        dirs.configDir,
        '--state-dir',
        dirs.stateDir,
        '--ovn-nb-db=--db=evil',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /error: vnm daemon --ovn-nb-db: "--db=evil" is not an OVSDB address: give tcp:IP:PORT/,
      );
    } finally {
      removeDirs(dirs);
    }
  });

  it('takes unusual but allowed values, and they reach the northbound database exactly', async () => {
    const xml = ovnNetworkXml(
      'gvalues',
      '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d103',
      `<vnm:ovn ${NS} mode="nat" switch="Sw.1_x-y" subnet="10.91.0.0/24" gateway="10.91.0.254" mtu="1300">
      <vnm:dhcp start="10.91.0.10" end="10.91.0.20" leaseTime="4294967295" dns="10.91.0.254 9.9.9.9" domain="a-b.example"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.40/24" nexthop="198.51.100.1"/>
    </vnm:ovn>`,
    );
    await ca.call('network.define', { xml });
    await ca.call('network.start', { network: 'gvalues' });
    try {
      const get = (table: string, col: string, cond: string) =>
        lab.central.nbctl(['--bare', `--columns=${col}`, 'find', table, cond]);
      expect(await get('Logical_Switch', 'name', 'name="Sw.1_x-y"')).toBe('Sw.1_x-y');
      const opts = await lab.central.nbctl([
        '--format=json',
        '--columns=options',
        'find',
        'DHCP_Options',
        'cidr="10.91.0.0/24"',
      ]);
      const map = new Map((JSON.parse(opts) as { data: [[string, [string, string][]]][] }).data[0]![0][1]);
      expect(Object.fromEntries(map)).toMatchObject({
        domain_name: '"a-b.example"',
        dns_server: '{10.91.0.254, 9.9.9.9}',
        lease_time: '4294967295',
        mtu: '1300',
        router: '10.91.0.254',
        server_id: '10.91.0.254',
      });
      expect(await get('Gateway_Chassis', 'chassis_name', 'name="vnm-gvalues-lrp-uplink-host-a"')).toBe(
        'host-a',
      );
      expect(await get('Logical_Switch_Port', 'options', 'name="vnm-gvalues-ln"')).toBe(
        'network_name=uplink',
      );
    } finally {
      await ca.call('network.destroy', { network: 'gvalues' });
      await ca.call('network.undefine', { network: 'gvalues' });
    }
  });

  it('leases on A list the guests of A and B, each with its chassis; a leases event says they changed', async () => {
    const watcher = await a.client();
    const events: string[] = [];
    watcher.onEvent((e) => {
      if (e.type === 'leases') events.push(e.network);
    });
    await watcher.call('events.subscribe', { types: ['leases'], networks: null });
    await ca.call('network.define', { xml: NAT });
    await ca.call('network.start', { network: 'gspan' });
    const pA = await ca.call('network.portCreate', { network: 'gspan', xml: portXml('7b00000a', mac.a) });
    const pB = await ca.call('network.portCreate', { network: 'gspan', xml: portXml('7b00000b', mac.b) });
    guestA = await lab.plugGuest(hostA, pA.uuid, mac.a);
    guestB = await lab.plugGuest(hostB, pB.uuid, mac.b);
    const [leaseA, leaseB] = await Promise.all([
      runUdhcpc(guestA, { tries: 10 }),
      runUdhcpc(guestB, { tries: 10 }),
    ]);
    [ip.a, ip.b] = [leaseA.ip, leaseB.ip];
    const leases = await until('both guests bound', async () => {
      const l = await ca.call('network.leases', { network: 'gspan' });
      return l.length === 2 ? l : null;
    });
    expect(leases.sort((x, y) => (x.host ?? '').localeCompare(y.host ?? ''))).toEqual([
      expect.objectContaining({
        network: 'gspan',
        mac: mac.a,
        ip: ip.a,
        ipPrefix: `${ip.a}/24`,
        host: 'host-a',
      }),
      expect.objectContaining({
        network: 'gspan',
        mac: mac.b,
        ip: ip.b,
        ipPrefix: `${ip.b}/24`,
        host: 'host-b',
      }),
    ]);
    expect(leases.every((l) => l.expiry === 0 && l.protocol === 'ipv4')).toBe(true);
    expect(await ca.call('network.leases', { network: 'gspan', mac: mac.b.toUpperCase() })).toEqual([
      expect.objectContaining({ ip: ip.b, host: 'host-b' }),
    ]);
    expect((await ca.call('network.info', { network: 'gspan' })).connections).toBe(2);
    const cli = await a.cli(['net-dhcp-leases', 'gspan']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`${ip.a.replaceAll('.', '\\.')}/24 .* host-a$`, 'm'));
    expect(cli.stdout).toMatch(new RegExp(`${ip.b.replaceAll('.', '\\.')}/24 .* host-b$`, 'm'));
    // OVN has no lease file to watch: the stats search sees the ports bind (within its 10 s period).
    await until(
      'a leases event for gspan',
      () => Promise.resolve(events.includes('gspan') ? true : null),
      15_000,
    );
    watcher.close();
  });

  it('refuses a redefinition with any <vnm:ovn> value its field does not allow, leaving OVN and the definition as they were', async () => {
    const nbBefore = await nbSnapshot(lab);
    const listBefore = await ca.call('network.list', { filter: 'all' });
    const stored = join(a.dirs.configDir, 'gspan.xml');
    const [fileBefore, xmlBefore] = [readFileSync(stored, 'utf8'), await inactiveXml('gspan')];
    const cases = hostileCases('gspan', UUID);
    for (const c of cases) {
      const err = await rejection(ca.call('network.define', { xml: c.xml }));
      expect(err, `${c.field}=${JSON.stringify(c.value)} was accepted`).not.toBeNull();
      expect(err!.message, `${c.field}=${JSON.stringify(c.value)}`).toMatch(c.names);
      expect(err!.message, `${c.field}=${JSON.stringify(c.value)}`).toMatch(
        /use |write it as|such as|is not an? /,
      );
    }
    expect(cases.length).toBe(14 * HOSTILE.length);
    expect(await ca.call('network.list', { filter: 'all' })).toEqual(listBefore);
    expect(readFileSync(stored, 'utf8')).toBe(fileBefore);
    expect(await inactiveXml('gspan')).toBe(xmlBefore);
    expect(await nbSnapshot(lab)).toBe(nbBefore);
  });

  it("A's stats count A's guest on this chassis, and its counters grow with traffic", async () => {
    const cfg = ovnConfig({ ...hostA.env, OVN_NB_DB: `unix:${lab.central.nbSocket}` });
    const t = performance.now();
    const local = await chassisPorts(cfg);
    const tLocal = performance.now() - t;
    await networkGuestPorts(cfg, UUID);
    console.log(
      `ovn-guests: finding the ports takes ${tLocal.toFixed(1)} ms (ovs-vsctl) + ${(performance.now() - t - tLocal).toFixed(1)} ms (ovn-nbctl)`,
    );
    iface.a = local.interfaces.find((i) => i.ifaceId === '7b00000a-0000-4000-8000-000000000000')!.name;
    const portOf = (s: StatsSample) => s.ports.find((p) => p.name === iface.a);
    const first = await until('a sample with A’s guest and its address', async () => {
      const h = await ca.call('network.statsHistory', { network: 'gspan', seconds: 5 });
      const s = h.at(-1);
      return s && portOf(s)?.ip === ip.a ? s : null;
    });
    expect(portOf(first)).toMatchObject({ mac: mac.a, ip: ip.a, host: 'host-a', hostname: null });
    expect(first.ports).toHaveLength(1); // B's guest is counted by B
    expect(first.bridge).toMatchObject({ name: 'br-int', rxBytes: 0, txBytes: 0 });
    expect(first.total.rxBytes).toBe(first.ports[0]!.rxBytes);
    expect(await pings(guestA, ip.b, 1000)).toBe(true);
    await guestA.exec('ping', ['-c5', '-i0.2', '-s1000', ip.b]);
    await until('A’s guest rx counter growing by the pings', async () => {
      const s = (await ca.call('network.statsHistory', { network: 'gspan', seconds: 5 })).at(-1);
      const p = s && portOf(s);
      return p && p.rxBytes >= portOf(first)!.rxBytes + 5 * 1000 && p.txBytes > portOf(first)!.txBytes
        ? p
        : null;
    });
  });

  it("B's vnmd, which defines nothing, answers ovn.localPorts with B's guest and no foreign port", async () => {
    await lab.central.nbctl(['lsp-add', 'foreign', 'foreign-guest']);
    const foreign = await lab.plugGuest(hostB, 'foreign-guest', '52:54:00:99:00:01');
    await pings(guestB, ip.a, 56, 3);
    const res = await until('B’s guest with counters', async () => {
      const r = await cb.call('ovn.localPorts', {});
      return r.ports.some((p) => p.rxPackets > 0) ? r : null;
    });
    expect(res.host).toBe('host-b');
    expect(res.ports).toEqual([
      expect.objectContaining({
        networkUuid: UUID,
        network: 'gspan',
        port: '7b00000b-0000-4000-8000-000000000000',
        mac: mac.b,
        ip: ip.b,
      }),
    ]);
    iface.b = res.ports[0]!.interface;
    expect(await hostB.vsctl(['get', 'interface', iface.b, 'external_ids:iface-id'])).toBe(
      '"7b00000b-0000-4000-8000-000000000000"',
    );
    expect((await cb.call('ovn.localPorts', { networks: [UUID] })).ports).toHaveLength(1);
    expect((await cb.call('ovn.localPorts', { networks: [RT_UUID] })).ports).toEqual([]);
    expect((await cb.call('network.list', { filter: 'all' })).length).toBe(0);
    await foreign.destroy();
  });

  it("diagnose checks the chassis, the central, the network's rows, its gateway and each guest port, and names what is wrong", async () => {
    const lines = (r: DiagnoseResult) => r.checks.map((c) => `${c.id}:${c.status}`);
    const line = (r: DiagnoseResult, id: string) => r.checks.find((c) => c.id === id)!;
    const healthy = await ca.call('network.diagnose', { network: 'gspan' });
    expect(lines(healthy)).toEqual([
      'state:ok',
      'ovn-chassis:ok',
      'ovn-central:ok',
      'ovn-objects:ok',
      'ovn-gateway:ok',
      'ovn-ports:ok',
    ]);
    expect(line(healthy, 'state').summary).toBe('Network gspan (OVN) is active.');
    expect(line(healthy, 'ovn-gateway').summary).toMatch(/runs on host-a \(198\.51\.100\.10\/24/);
    expect(line(healthy, 'ovn-ports').summary).toMatch(/^2 guest ports, each bound and addressed: /);
    expect(line(healthy, 'ovn-ports').summary).toContain('host-a 1');
    expect(line(healthy, 'ovn-ports').summary).toContain('host-b 1');
    // A guest by MAC, by address, and one no port has.
    const guest = async (g: string) =>
      line(await ca.call('network.diagnose', { network: 'gspan', guest: g }), 'guest-port');
    expect(await guest(mac.b.toUpperCase())).toMatchObject({ status: 'ok' });
    expect((await guest(mac.b)).summary).toBe(
      `The guest is plugged in on host-b, and OVN's DHCP gives it ${ip.b}.`,
    );
    expect((await guest(ip.a)).summary).toMatch(/plugged in on host-a/);
    expect((await guest('52:54:00:00:00:99')).summary).toMatch(
      /^No guest port of gspan has 52:54:00:00:00:99: /,
    );

    // A port whose guest is not plugged in anywhere.
    const loose = '52:54:00:77:01:0c';
    const p = await ca.call('network.portCreate', { network: 'gspan', xml: portXml('7b00000c', loose) });
    try {
      const r = await ca.call('network.diagnose', { network: 'gspan', guest: loose });
      expect(line(r, 'ovn-ports')).toMatchObject({ status: 'warn' });
      expect(line(r, 'ovn-ports').summary).toMatch(
        new RegExp(`^1 of 3 guest ports are bound to no chassis \\(${loose}\\)`),
      );
      expect(line(r, 'guest-port')).toMatchObject({ status: 'fail' });
      expect(line(r, 'guest-port').summary).toContain(`iface-id=${p.uuid}`);
    } finally {
      await ca.call('network.portDelete', { network: 'gspan', port: p.uuid });
    }

    // A row of vnm's removed behind its back (isolated network: no guest of the others is touched).
    await ca.call('network.define', { xml: DIAG });
    await ca.call('network.start', { network: 'gdiag' });
    try {
      const dhcp = await lab.central.nbctl([
        '--bare',
        '--columns=_uuid',
        'find',
        'DHCP_Options',
        `external_ids:vnm-uuid="${DIAG_UUID}"`,
      ]);
      await lab.central.nbctl(['dhcp-options-del', dhcp]);
      const r = await ca.call('network.diagnose', { network: 'gdiag' });
      expect(line(r, 'ovn-objects')).toMatchObject({
        status: 'fail',
        fix: 'vnm net-destroy gdiag && vnm net-start gdiag',
      });
      expect(line(r, 'ovn-objects').summary).toMatch(/lacks its DHCP options of gdiag/);
      expect(r.checks.some((c) => c.id === 'ovn-gateway')).toBe(false); // isolated: no router
      const cli = await a.cli(['net-diagnose', 'gdiag']);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(/^fail +The northbound database lacks its DHCP options of gdiag/m);
    } finally {
      await ca.call('network.destroy', { network: 'gdiag' });
      await ca.call('network.undefine', { network: 'gdiag' });
    }
  });

  it('routed: a guest on B reaches the uplink with its own address (no SNAT)', async () => {
    await uplink.exec('ip', ['route', 'add', '10.80.0.0/24', 'via', '198.51.100.20']);
    await uplink.exec('nft', ['-f', '-'], {
      input:
        'table inet vnmt_routed {\n counter from_guests {\n }\n counter from_router {\n }\n chain input_hook {\n  type filter hook input priority 0;\n  ip saddr 10.80.0.0/24 counter name from_guests\n  ip saddr 198.51.100.20 counter name from_router\n }\n}\n',
    });
    await ca.call('network.define', { xml: ROUTED });
    await ca.call('network.start', { network: 'grouted' });
    const m = '52:54:00:80:00:0b';
    const p = await ca.call('network.portCreate', { network: 'grouted', xml: portXml('7b00001b', m) });
    const g = await lab.plugGuest(hostB, p.uuid, m);
    const lease = await runUdhcpc(g, { tries: 10 });
    expect(lease.router).toBe('10.80.0.1');
    expect(await pings(g, '198.51.100.1', 56, 20)).toBe(true);
    const counter = async (name: string) => {
      const r = await uplink.exec('nft', ['-j', 'list', 'counter', 'inet', 'vnmt_routed', name]);
      const items = (JSON.parse(r.stdout) as { nftables: { counter?: { packets: number } }[] }).nftables;
      return items.find((i) => i.counter)?.counter?.packets ?? 0;
    };
    expect(await counter('from_guests')).toBeGreaterThan(0);
    expect(await counter('from_router')).toBe(0);
    expect(await ca.call('network.leases', { network: 'grouted' })).toEqual([
      expect.objectContaining({ ip: lease.ip, host: 'host-b' }),
    ]);
  });

  it('a frozen control plane gives leases and ovn.localPorts a clear error within the timeout', async () => {
    // B got a guest (routed) since it last answered ovn.localPorts: it must ask OVN again, not reuse.
    for (const pid of lab.central.pids) process.kill(pid, 'SIGSTOP');
    try {
      for (const [what, call] of [
        ['leases', () => ca.call('network.leases', { network: 'gspan' })],
        ['localPorts', () => cb.call('ovn.localPorts', {})],
      ] as const) {
        const t = Date.now();
        const err = await rejection(call());
        const ms = Date.now() - t;
        console.log(`ovn-guests: frozen central: ${what} failed in ${ms} ms`);
        expect(err?.message).toMatch(/did not answer within 3 s.*control plane is unreachable/);
        expect(ms).toBeLessThan(10_000);
      }
      // Diagnose says so in one line and stops there, instead of hanging or repeating it.
      const t = Date.now();
      const r = await ca.call('network.diagnose', { network: 'gspan' });
      console.log(`ovn-guests: frozen central: diagnose answered in ${Date.now() - t} ms`);
      expect(r.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
        'state:ok',
        'ovn-chassis:ok',
        'ovn-central:fail',
      ]);
      expect(r.checks[2]!.summary).toMatch(
        /^OVN's northbound database \(.+\) does not answer: .*Guests already plugged in keep talking/,
      );
      expect((await ca.call('network.info', { network: 'gspan' })).active).toBe(true);
    } finally {
      for (const pid of lab.central.pids) process.kill(pid, 'SIGCONT');
    }
  });
});
