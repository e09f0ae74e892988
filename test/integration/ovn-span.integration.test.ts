/**
 * Issue 19: an OVN network that spans hosts, run by vnmd against a real OVN (central + two
 * simulated hosts, test/helpers/ovn-hosts.ts). Host A's vnmd defines and starts it; guests on
 * A and B take OVN's DHCP leases and ping each other across the Geneve underlay with 1400-byte
 * packets; in NAT mode a guest on B reaches the uplink behind host A (the gateway chassis)
 * with the SNAT address, in isolated mode it cannot; with the central services frozen guests
 * keep talking and vnm says the control plane is unreachable within seconds; destroy and
 * undefine remove every northbound row vnm made and leave a foreign switch alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { runUdhcpc } from '../helpers/guest';
import type { TestNetns } from '../helpers/netns';
import { createOvnLab, ovnMissing, type OvnLab } from '../helpers/ovn-hosts';
import { killAllVnmd, removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';
import { ovnNetworkXml } from './ovn-guests-fixtures';

const skip = ovnMissing();
const UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d001';
const ISO_UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d002';
const HALF_UUID = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d003';

const networkXml = ovnNetworkXml;

const NAT = networkXml(
  'span',
  UUID,
  `<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="nat" subnet="10.77.0.0/24">
      <vnm:dhcp start="10.77.0.100" end="10.77.0.199" leaseTime="600" dns="10.77.0.1" domain="span"/>
      <vnm:uplink chassis="host-a" physnet="uplink" address="198.51.100.10/24" nexthop="198.51.100.1"/>
    </vnm:ovn>`,
);
const ISOLATED = networkXml(
  'iso',
  ISO_UUID,
  `<vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="isolated" subnet="10.78.0.0/24">
      <vnm:dhcp start="10.78.0.100" end="10.78.0.199"/>
    </vnm:ovn>`,
);

function portXml(uuid: string, mac: string): string {
  return `<networkport><uuid>${uuid}</uuid><owner><name>vm-${mac.slice(-2)}</name><uuid>0f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid></owner><mac address='${mac}'/></networkport>`;
}

/** Pings until one answer comes (the first packet to a new tunnel neighbour may be lost). */
async function pings(from: TestNetns, to: string, size = 56, tries = 10): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const r = await from.tryExec('ping', ['-c1', '-W1', '-M', 'do', '-s', String(size), to]);
    if (r.code === 0) return true;
  }
  return false;
}

let lab: OvnLab;
let a: Vnmd;
let b: Vnmd;
let ca: VnmClient;
const t0 = Date.now();

describe.skipIf(skip !== null)(`OVN networks across hosts${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let guestA: TestNetns;
  let guestB: TestNetns;
  let uplink: TestNetns;
  let ipB = '';

  beforeAll(async () => {
    lab = await createOvnLab(2);
    const [hostA, hostB] = lab.hosts as [OvnLab['hosts'][0], OvnLab['hosts'][0]];
    uplink = await lab.addUplink(hostA, 'uplink', '198.51.100.1/24');
    await uplink.exec('nft', ['-f', '-'], {
      input:
        'table inet vnmt_uplink {\n counter from_snat {\n }\n chain input_hook {\n  type filter hook input priority 0;\n  ip saddr 198.51.100.10 counter name from_snat\n }\n}\n',
    });
    [a, b] = await Promise.all([
      startVnmd(hostA.ns, { env: hostA.env }),
      startVnmd(hostB.ns, { env: { ...hostB.env, VNMD_INJECT_FAILURE: 'ovn-router' } }),
    ]);
    ca = await a.client();
    await lab.central.nbctl(['ls-add', 'foreign', '--', 'lsp-add', 'foreign', 'foreign-port']);
  }, 90_000);

  afterAll(async () => {
    for (const dirs of await killAllVnmd()) removeDirs(dirs); // its config, state and run folders
    await lab?.destroy();
    console.log(`ovn-span: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  });

  it("each host's vnmd reports its chassis", async () => {
    for (const [v, name, ip] of [
      [a, 'host-a', '198.19.0.11'],
      [b, 'host-b', '198.19.0.12'],
    ] as const) {
      const c = await v.client();
      const facts = await c.call('host.ovn', {});
      expect(facts, JSON.stringify(facts)).toMatchObject({
        ready: true,
        systemId: name,
        encapIp: ip,
        encapType: 'geneve',
      });
      expect(facts.ovsVswitchdPid).toBeGreaterThan(0);
      expect(facts.ovnControllerPid).toBeGreaterThan(0);
      expect(facts.northbound.reachable).toBe(true);
    }
  });

  it('a network started on host A is usable on A and B: OVN DHCP, 1400-byte pings across hosts, Geneve on the underlay', async () => {
    const started = Date.now();
    await ca.call('network.define', { xml: NAT });
    await ca.call('network.start', { network: 'span' });
    const startMs = Date.now() - started;
    const macA = '52:54:00:77:00:0a';
    const macB = '52:54:00:77:00:0b';
    const pA = await ca.call('network.portCreate', {
      network: 'span',
      xml: portXml('7a000000-0000-4000-8000-00000000000a', macA),
    });
    const pB = await ca.call('network.portCreate', {
      network: 'span',
      xml: portXml('7a000000-0000-4000-8000-00000000000b', macB),
    });
    const [hostA, hostB] = lab.hosts as [OvnLab['hosts'][0], OvnLab['hosts'][0]];
    guestA = await lab.plugGuest(hostA, pA.uuid, macA);
    guestB = await lab.plugGuest(hostB, pB.uuid, macB);
    const [leaseA, leaseB] = await Promise.all([
      runUdhcpc(guestA, { tries: 10, extraArgs: ['-O', 'mtu'] }),
      runUdhcpc(guestB, { tries: 10, extraArgs: ['-O', 'mtu'] }),
    ]);
    console.log(`ovn-span: start ${startMs} ms, leases in ${leaseA.elapsedMs} / ${leaseB.elapsedMs} ms`);
    for (const lease of [leaseA, leaseB]) {
      expect(lease).toMatchObject({
        mask: 24,
        router: '10.77.0.1',
        dns: ['10.77.0.1'],
        domain: 'span',
        lease: 600,
        mtu: 1442,
      });
      expect(lease.ip).toMatch(/^10\.77\.0\.1\d\d$/);
    }
    ipB = leaseB.ip;
    const before = await lab.geneveCount();
    expect(await pings(guestA, leaseB.ip, 1400)).toBe(true);
    expect(await pings(guestB, leaseA.ip, 1400)).toBe(true);
    expect((await lab.geneveCount()) - before).toBeGreaterThanOrEqual(4);
    const xml = (await ca.call('network.getXml', { network: 'span' })).xml;
    expect(xml).toContain("<virtualport type='openvswitch'/>");
    expect(xml).toContain('<vnm:ovn');
  });

  it('a start that fails half-way (after the switch, at the router) leaves nothing in OVN', async () => {
    const cb = await b.client();
    const xml = NAT.replace('<name>span</name>', '<name>half</name>')
      .replace(UUID, HALF_UUID)
      .replace('mode="nat" subnet="10.77.0.0/24"', 'mode="nat" switch="half-switch" subnet="10.79.0.0/24"')
      .replaceAll('10.77.0.', '10.79.0.');
    await cb.call('network.define', { xml });
    const err = await cb.call('network.start', { network: 'half' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /Failed to start OVN network 'half': injected failure after step 'ovn-router'.*nothing of it was left in OVN/,
    );
    for (const table of ['Logical_Switch', 'Logical_Router', 'DHCP_Options', 'Logical_Switch_Port']) {
      expect(
        await lab.central.nbctl([
          '--bare',
          '--columns=_uuid',
          'find',
          table,
          `external_ids:vnm-uuid="${HALF_UUID}"`,
        ]),
        table,
      ).toBe('');
    }
    expect((await cb.call('network.list', { filter: 'all' })).find((n) => n.name === 'half')?.active).toBe(
      false,
    );
    await cb.call('network.undefine', { network: 'half' });
  });

  it('a restarted vnmd adopts the running OVN network; its guests never notice', async () => {
    await a.kill();
    a = await startVnmd(lab.hosts[0]!.ns, { dirs: a.dirs, env: lab.hosts[0]!.env });
    ca = await a.client();
    expect((await ca.call('network.list', { filter: 'active' })).map((n) => n.name)).toContain('span');
    expect(await pings(guestA, ipB, 1400)).toBe(true);
  });

  it("NAT: a guest on host B reaches the uplink through host A's gateway chassis with the SNAT address", async () => {
    expect(await pings(guestB, '198.51.100.1', 56, 20)).toBe(true);
    const r = await uplink.exec('nft', ['-j', 'list', 'counter', 'inet', 'vnmt_uplink', 'from_snat']);
    const counter = (JSON.parse(r.stdout) as { nftables: { counter?: { packets: number } }[] }).nftables.find(
      (i) => i.counter,
    );
    expect(counter?.counter?.packets).toBeGreaterThan(0);
  });

  it('with the central services frozen, guests keep talking and vnm says the control plane is unreachable', async () => {
    for (const pid of lab.central.pids) process.kill(pid, 'SIGSTOP');
    try {
      expect(await pings(guestA, ipB, 1400)).toBe(true);
      const t = Date.now();
      const facts = await ca.call('host.ovn', {});
      const factsMs = Date.now() - t;
      expect(facts.ready).toBe(false);
      expect(facts.northbound.reachable).toBe(false);
      expect(facts.northbound.error).toMatch(/control plane is unreachable/);
      const report = await a.cli(['host-ovn']);
      expect(report.code).toBe(0);
      expect(report.stdout).toMatch(/Northbound DB: +tcp:198\.19\.0\.1:6641, unreachable/);
      expect(report.stdout).toMatch(/Ready: +no/);
      const t2 = Date.now();
      await ca.call('network.define', { xml: ISOLATED });
      const err = await ca.call('network.start', { network: 'iso' }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      const startMs = Date.now() - t2;
      expect(err?.message).toMatch(
        /Failed to start OVN network 'iso'.*did not answer within 3 s.*control plane is unreachable/,
      );
      console.log(
        `ovn-span: frozen central: host.ovn answered in ${factsMs} ms, net-start failed in ${startMs} ms`,
      );
      expect(factsMs).toBeLessThan(10_000);
      expect(startMs).toBeLessThan(15_000);
      expect(await pings(guestB, '198.51.100.1', 56)).toBe(true);
    } finally {
      for (const pid of lab.central.pids) process.kill(pid, 'SIGCONT');
    }
  });

  it('isolated: a guest on host B gets a lease without a router and cannot reach the uplink', async () => {
    await ca.call('network.start', { network: 'iso' });
    const mac = '52:54:00:78:00:0b';
    const p = await ca.call('network.portCreate', {
      network: 'iso',
      xml: portXml('7a000000-0000-4000-8000-00000000001b', mac),
    });
    const g = await lab.plugGuest(lab.hosts[1]!, p.uuid, mac);
    const lease = await runUdhcpc(g, { tries: 10, extraArgs: ['-O', 'mtu'] });
    expect(lease).toMatchObject({ router: null, mtu: 1442 });
    expect(lease.ip).toMatch(/^10\.78\.0\.1\d\d$/);
    await g.exec('ip', ['route', 'add', '198.51.100.0/24', 'via', '10.78.0.1']);
    expect(await pings(g, '198.51.100.1', 56, 3)).toBe(false);
  });

  it('a destroy that cannot reach the northbound DB says so, and the next start clears what it left', async () => {
    for (const pid of lab.central.pids) process.kill(pid, 'SIGSTOP');
    let err: Error | null;
    try {
      err = await ca.call('network.destroy', { network: 'iso' }).then(
        () => null,
        (e: unknown) => e as Error,
      );
    } finally {
      for (const pid of lab.central.pids) process.kill(pid, 'SIGCONT');
    }
    expect(err?.message).toMatch(
      /Network 'iso' was stopped, but cleanup failed: removing the OVN northbound objects: .*control plane is unreachable/,
    );
    const switches = () =>
      lab.central.nbctl([
        '--bare',
        '--columns=_uuid',
        'find',
        'Logical_Switch',
        `external_ids:vnm-uuid="${ISO_UUID}"`,
      ]);
    expect(await switches()).not.toBe('');
    await ca.call('network.start', { network: 'iso' });
    expect((await switches()).split(/\s+/)).toHaveLength(1);
  });

  it('destroy and undefine remove every northbound row vnm made; a foreign switch survives', async () => {
    const tagged = async (uuid: string) =>
      lab.central.nbctl([
        '--bare',
        '--columns=_uuid',
        'find',
        'Logical_Switch',
        `external_ids:vnm-uuid="${uuid}"`,
      ]);
    expect(await tagged(UUID)).not.toBe('');
    for (const net of ['span', 'iso']) {
      await ca.call('network.destroy', { network: net });
      await ca.call('network.undefine', { network: net });
    }
    for (const table of [
      'Logical_Switch',
      'Logical_Switch_Port',
      'Logical_Router',
      'Logical_Router_Port',
      'DHCP_Options',
      'NAT',
      'Logical_Router_Static_Route',
      'Gateway_Chassis',
    ]) {
      expect(
        await lab.central.nbctl(['--bare', '--columns=_uuid', 'find', table, 'external_ids:vnm-network!=""']),
        table,
      ).toBe('');
      expect(
        await lab.central
          .nbctl(['--bare', '--columns=_uuid', 'list', table])
          .then((s) => s.split(/\s+/).filter(Boolean).length),
        table,
      ).toBe(table === 'Logical_Switch' || table === 'Logical_Switch_Port' ? 1 : 0);
    }
    expect(await lab.central.nbctl(['--bare', '--columns=name', 'list', 'Logical_Switch'])).toBe('foreign');
  });
});
