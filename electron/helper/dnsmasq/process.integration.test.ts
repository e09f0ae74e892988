/**
 * dnsmasq for real: inside a namespace this test makes (vnmt-dnsmasq-*), a bridge with an
 * address, dnsmasq started by process.ts (run in that namespace, as vnmd would be), and
 * guest namespaces on veths that take leases with busybox udhcpc.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { buildDnsmasqConfig } from '../../../shared/dnsmasq/config';
import { buildAddnHostsFile, buildHostsFile } from '../../../shared/dnsmasq/hosts-file';
import { parseLeases, type LeaseRecord } from '../../../shared/dnsmasq/leases';
import { createGuest, runUdhcpc } from '../../../test/helpers/guest';
import { until } from '../../../test/helpers/events-flood';
import { createNetns, destroyAllNetns, type TestNetns } from '../../../test/helpers/netns';
import { startRunner, type NsRunner } from '../../../test/helpers/runner';
import { isAlive, isOurDnsmasq } from './identity';
import type { DnsmasqInstance } from './process';

const MODULE = 'electron/helper/dnsmasq/process.ts';
const BRIDGE = 'vnmtbr0';
const isRoot = process.getuid?.() === 0;

function network(over: Partial<NetworkDef> = {}): NetworkDef {
  return {
    name: 'vnmt-dnsmasq',
    forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
    ips: [
      {
        address: '10.77.0.1',
        netmask: '255.255.255.0',
        dhcp: { ranges: [{ start: '10.77.0.100', end: '10.77.0.150' }], hosts: [] },
      },
    ],
    routes: [],
    portgroups: [],
    ...over,
  };
}

/** Every process on the machine whose command line names `confPath`. */
function processesUsing(confPath: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(confPath);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitForLease(file: string, mac: string): Promise<LeaseRecord> {
  for (let i = 0; i < 100; i++) {
    const text = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    })();
    const lease = parseLeases(text, Date.now() / 1000).find((l) => l.mac === mac);
    if (lease) return lease;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no lease for ${mac} in ${file}`);
}

describe.skipIf(!isRoot)('dnsmasq process (network namespaces, root)', () => {
  let host: TestNetns;
  let runner: NsRunner;
  let dir: string;
  let inst: DnsmasqInstance;
  let leaseFile: string;
  let hostsFile: string;
  let addnHostsFile: string;
  let pid = 0;

  beforeAll(async () => {
    host = await createNetns('dnsmasq');
    await host.exec('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
    await host.exec('ip', ['addr', 'add', '10.77.0.1/24', 'dev', BRIDGE]);
    await host.exec('ip', ['link', 'set', 'dev', BRIDGE, 'up']);
    dir = mkdtempSync(join(tmpdir(), 'vnmt-dnsmasq-'));
    // Open to others, as /var/lib/vnm is, so dnsmasq runs as nobody (account.ts).
    chmodSync(dir, 0o755);
    inst = { network: 'vnmt-dnsmasq', confPath: join(dir, 'net.conf'), pidFile: join(dir, 'net.pid') };
    leaseFile = join(dir, 'net.leases');
    hostsFile = join(dir, 'net.hostsfile');
    addnHostsFile = join(dir, 'net.addnhosts');
    const def = network();
    const paths = { pidFile: inst.pidFile, hostsFile, addnHostsFile, leaseFile, bridge: BRIDGE };
    writeFileSync(inst.confPath, buildDnsmasqConfig(def, paths));
    writeFileSync(hostsFile, buildHostsFile(def));
    writeFileSync(addnHostsFile, buildAddnHostsFile(def));
    runner = await startRunner(host);
  });

  afterAll(async () => {
    runner?.close();
    // If a test failed before stopping it, stop our dnsmasq (identity-checked, by pid).
    if (pid && (await isOurDnsmasq(pid, inst.confPath))) process.kill(pid, 'SIGKILL');
    await destroyAllNetns();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts dnsmasq in a session of its own, which wrote its own pid file', async () => {
    pid = await runner.call<number>(MODULE, 'startDnsmasq', inst);
    expect(readFileSync(inst.pidFile, 'utf8').trim()).toBe(String(pid));
    // Session id (field 6 of stat, counted after the command name): its own, not the runner's.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    expect(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]).toBe(String(pid));
    expect(await isOurDnsmasq(pid, inst.confPath)).toBe(true);
    expect(await isOurDnsmasq(pid, join(dir, 'other.conf'))).toBe(false);
    expect(await isOurDnsmasq(process.pid, inst.confPath)).toBe(false);
    await expect(runner.call(MODULE, 'startDnsmasq', inst)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('serves as nobody, with only the lease script helper left as root', async () => {
    // dnsmasq writes its pid file as root and drops to nobody just after, before it serves:
    // start may return in between, so wait for the drop (any uid but root) before judging it.
    const uid = () => /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    await until(() => uid() !== '0', 5_000, 'dnsmasq to drop root');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe('65534');
    // Its capabilities: NET_ADMIN, NET_RAW, NET_BIND_SERVICE (bits 12, 13, 10) and no others.
    expect(/^CapEff:\s+([0-9a-f]+)/m.exec(status)?.[1]).toBe('0000000000003400');
  });

  it('hands a guest a lease that then shows in the parsed leases file', async () => {
    const guest = await createGuest(host, BRIDGE, { mac: '52:54:00:77:00:01' });
    const got = await runUdhcpc(guest.ns, { hostname: 'guest1' });
    expect(got.ip).toMatch(/^10\.77\.0\.1([0-4]\d|50)$/);
    expect(got.router).toBe('10.77.0.1');
    const lease = await waitForLease(leaseFile, guest.mac);
    expect(lease).toMatchObject({ protocol: 'ipv4', ip: got.ip, hostname: 'guest1' });
    expect(lease.expiry).toBeGreaterThan(Date.now() / 1000);
  });

  it('rereads the hosts files on SIGHUP: a new static host and a new DNS name', async () => {
    const mac = '52:54:00:77:00:02';
    const def = network({
      ips: [
        {
          address: '10.77.0.1',
          netmask: '255.255.255.0',
          dhcp: {
            ranges: [{ start: '10.77.0.100', end: '10.77.0.150' }],
            hosts: [{ mac, name: 'fixed', ip: '10.77.0.42' }],
          },
        },
      ],
      dns: { forwarders: [], txts: [], srvs: [], hosts: [{ ip: '10.77.0.9', hostnames: ['newhost'] }] },
    });
    writeFileSync(hostsFile, buildHostsFile(def));
    writeFileSync(addnHostsFile, buildAddnHostsFile(def));
    await runner.call(MODULE, 'reloadDnsmasq', inst);
    const guest = await createGuest(host, BRIDGE, { mac });
    const got = await runUdhcpc(guest.ns);
    expect(got.ip).toBe('10.77.0.42');
    expect(await waitForLease(leaseFile, mac)).toMatchObject({ ip: '10.77.0.42', hostname: 'fixed' });
    // A records only: dnsmasq, with no upstream for it, refuses the AAAA query busybox adds.
    const answer = await guest.ns.exec('busybox', ['nslookup', '-type=a', 'newhost', '10.77.0.1']);
    expect(answer.stdout).toContain('10.77.0.9');
    expect(await isOurDnsmasq(pid, inst.confPath)).toBe(true);
  });

  it('finds the dnsmasq vnmd recorded when its pid file (nobody’s) names another process', async () => {
    const honest = readFileSync(inst.pidFile, 'utf8');
    // Our own pid: if reload signalled the pid file's pid, this test process would die.
    writeFileSync(inst.pidFile, `${process.pid}\n`);
    try {
      // Without the recorded pid it is lost (the runner sends undefined back as null).
      expect((await runner.call<number | null>(MODULE, 'findDnsmasq', inst)) ?? undefined).toBeUndefined();
      const known = { ...inst, knownPid: pid };
      expect(await runner.call<number>(MODULE, 'findDnsmasq', known)).toBe(pid);
      await runner.call(MODULE, 'reloadDnsmasq', known);
      expect(await isAlive(process.pid)).toBe(true);
    } finally {
      writeFileSync(inst.pidFile, honest);
    }
  });

  it('stops dnsmasq and leaves no process and no pid file behind', async () => {
    expect(await runner.call<boolean>(MODULE, 'stopDnsmasq', inst)).toBe(true);
    expect(await isAlive(pid)).toBe(false);
    expect(() => readFileSync(inst.pidFile)).toThrow();
    expect(processesUsing(inst.confPath)).toEqual([]);
    await expect(runner.call(MODULE, 'reloadDnsmasq', inst)).rejects.toMatchObject({
      kind: 'operation-failed',
    });
  });

  it('never signals the process a stale pid file names', async () => {
    // Our own pid: if stop or reload signalled it, this test process would die.
    writeFileSync(inst.pidFile, `${process.pid}\n`);
    await expect(runner.call(MODULE, 'reloadDnsmasq', inst)).rejects.toMatchObject({
      kind: 'operation-failed',
    });
    expect(await runner.call<boolean>(MODULE, 'stopDnsmasq', inst)).toBe(false);
    expect(() => readFileSync(inst.pidFile)).toThrow();
    expect(await isAlive(process.pid)).toBe(true);
  });

  it('reports dnsmasq refusing its configuration in one sentence', async () => {
    const bad = { ...inst, confPath: join(dir, 'bad.conf') };
    writeFileSync(bad.confPath, `pid-file=${inst.pidFile}\nno-such-option\n`);
    await expect(runner.call(MODULE, 'startDnsmasq', bad)).rejects.toThrow(
      /dnsmasq for network vnmt-dnsmasq did not start \(bad option at line 2 of .*bad\.conf\); check its configuration/,
    );
    expect(processesUsing(bad.confPath)).toEqual([]);
  });
});
