/**
 * OVN across simulated hosts for integration tests: a "central" namespace running the
 * northbound and southbound ovsdb-servers and ovn-northd, and N host namespaces, each with its
 * own ovsdb-server, ovs-vswitchd (userspace datapath: this kernel has no openvswitch module)
 * and ovn-controller, joined by a veth underlay through a Linux bridge in the central
 * namespace. Every daemon runs in a namespace made here, with run/db/log dirs in one temp
 * folder (never /run/openvswitch), started without --detach so this process is its parent;
 * destroy() kills them by pid, deletes the namespaces and the folder.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectVeth, createNetns, type TestNetns } from './netns';
import { capture, mustRun } from './proc';

const UNDERLAY = '192.0.2';
const NB_SCHEMA = '/usr/share/ovn/ovn-nb.ovsschema';
const SB_SCHEMA = '/usr/share/ovn/ovn-sb.ovsschema';
const VS_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

/** Why OVN tests cannot run here, or null when they can. */
export function ovnMissing(): string | null {
  const needed = [
    '/usr/sbin/ovsdb-server',
    '/usr/sbin/ovs-vswitchd',
    '/usr/bin/ovn-northd',
    '/usr/bin/ovn-controller',
    '/usr/bin/ovn-nbctl',
    '/usr/sbin/ethtool',
    NB_SCHEMA,
    VS_SCHEMA,
  ];
  const missing = needed.filter((p) => !existsSync(p));
  if (process.getuid?.() !== 0) return 'OVN tests need root (network namespaces)';
  return missing.length > 0
    ? `OVN is not installed (${missing.join(', ')} missing): run scripts/setup.sh, or apt-get install openvswitch-switch ovn-central ovn-host ethtool`
    : null;
}

export interface OvnHost {
  readonly name: string;
  readonly ns: TestNetns;
  /** Private run/db/log dir: OVS_RUNDIR and OVN_RUNDIR of this host. */
  readonly dir: string;
  readonly encapIp: string;
  /** The environment a vnmd on this host needs to find its OVS and the northbound database. */
  readonly env: Record<string, string>;
  vsctl(args: readonly string[]): Promise<string>;
}

export interface OvnCentral {
  readonly ns: TestNetns;
  readonly dir: string;
  /** tcp:IP:6641, as hosts reach it. */
  readonly nbRemote: string;
  /** unix socket, for the test's own ovn-nbctl. */
  readonly nbSocket: string;
  nbctl(args: readonly string[]): Promise<string>;
  /** The central daemons' pids (NB and SB ovsdb-server, ovn-northd). */
  readonly pids: readonly number[];
}

export interface OvnLab {
  readonly central: OvnCentral;
  readonly hosts: readonly OvnHost[];
  /** Packets seen on the underlay with UDP destination port 6081 (Geneve). */
  geneveCount(): Promise<number>;
  /** A guest namespace plugged into `host`'s br-int as the OVS port of interface id `ifaceId`. */
  plugGuest(host: OvnHost, ifaceId: string, mac: string): Promise<TestNetns>;
  /** An uplink namespace on `host`'s bridge mapping `physnet` (a localnet network), at `address`. */
  addUplink(host: OvnHost, physnet: string, address: string): Promise<TestNetns>;
  destroy(): Promise<void>;
}

const children = new Set<ChildProcess>();

function daemon(
  ns: TestNetns,
  cmd: string,
  args: readonly string[],
  env: Record<string, string>,
): ChildProcess {
  const child = ns.spawn(cmd, args, { env });
  child.stdout?.resume();
  child.stderr?.resume();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

function envFor(dir: string): Record<string, string> {
  return {
    OVS_RUNDIR: dir,
    OVS_DBDIR: dir,
    OVS_LOGDIR: dir,
    OVN_RUNDIR: dir,
    OVN_DBDIR: dir,
    OVN_LOGDIR: dir,
    OVS_SYSCONFDIR: dir,
  };
}

function common(dir: string, name: string): string[] {
  return [`--pidfile=${join(dir, `${name}.pid`)}`, `--log-file=${join(dir, `${name}.log`)}`, '--no-chdir'];
}

async function startCentral(base: string): Promise<OvnCentral> {
  const ns = await createNetns('ovnc');
  const dir = join(base, 'central');
  mkdirSync(dir);
  const env = envFor(dir);
  await ns.exec('ip', ['link', 'add', 'ul', 'type', 'bridge']);
  await ns.exec('ip', ['addr', 'add', `${UNDERLAY}.1/24`, 'dev', 'ul']);
  await ns.exec('ip', ['link', 'set', 'ul', 'up']);
  const pids: number[] = [];
  for (const [db, schema, port] of [
    ['nb', NB_SCHEMA, 6641],
    ['sb', SB_SCHEMA, 6642],
  ] as const) {
    await mustRun('ovsdb-tool', ['create', join(dir, `${db}.db`), schema]);
    const child = daemon(
      ns,
      'ovsdb-server',
      [
        join(dir, `${db}.db`),
        `--remote=punix:${join(dir, `${db}.sock`)}`,
        `--remote=ptcp:${port}:${UNDERLAY}.1`,
        `--unixctl=${join(dir, `${db}.ctl`)}`,
        ...common(dir, `ovsdb-${db}`),
      ],
      env,
    );
    pids.push(child.pid!);
    await waitFor(`${db} ovsdb-server`, () => Promise.resolve(existsSync(join(dir, `${db}.sock`))));
  }
  const northd = daemon(
    ns,
    'ovn-northd',
    [
      `--ovnnb-db=unix:${join(dir, 'nb.sock')}`,
      `--ovnsb-db=unix:${join(dir, 'sb.sock')}`,
      `--unixctl=${join(dir, 'northd.ctl')}`,
      ...common(dir, 'ovn-northd'),
    ],
    env,
  );
  pids.push(northd.pid!);
  const nbSocket = join(dir, 'nb.sock');
  return {
    ns,
    dir,
    pids,
    nbSocket,
    nbRemote: `tcp:${UNDERLAY}.1:6641`,
    nbctl: async (args) =>
      (await mustRun('ovn-nbctl', [`--db=unix:${nbSocket}`, '--timeout=10', ...args])).stdout.trim(),
  };
}

async function startHost(base: string, central: OvnCentral, index: number): Promise<OvnHost> {
  const name = `host-${String.fromCharCode(97 + index)}`;
  const ns = await createNetns(`ovnh${index}`);
  const dir = join(base, name);
  mkdirSync(dir);
  const env = envFor(dir);
  const encapIp = `${UNDERLAY}.${11 + index}`;
  const db = `unix:${join(dir, 'db.sock')}`;
  const vsctl = async (args: readonly string[]) =>
    (
      await mustRun('ip', ['netns', 'exec', ns.name, 'ovs-vsctl', `--db=${db}`, '--timeout=10', ...args])
    ).stdout.trim();
  // The underlay: a veth from the central bridge; OVS's userspace datapath drops TCP with a
  // checksum left to offload, so the side feeding OVS computes checksums itself.
  await connectVeth(central.ns, `ul${index}`, ns, 'eth-ul');
  await central.ns.exec('ip', ['link', 'set', `ul${index}`, 'master', 'ul']);
  await central.ns.exec('ethtool', ['-K', `ul${index}`, 'tx', 'off']);
  await mustRun('ovsdb-tool', ['create', join(dir, 'conf.db'), VS_SCHEMA]);
  daemon(
    ns,
    'ovsdb-server',
    [
      join(dir, 'conf.db'),
      `--remote=punix:${join(dir, 'db.sock')}`,
      `--unixctl=${join(dir, 'ovsdb-server.ctl')}`,
      ...common(dir, 'ovsdb-server'),
    ],
    env,
  );
  await waitFor(`${name} ovsdb-server`, () => Promise.resolve(existsSync(join(dir, 'db.sock'))));
  await vsctl(['--no-wait', 'init']);
  daemon(
    ns,
    'ovs-vswitchd',
    [db, '--disable-system', `--unixctl=${join(dir, 'ovs-vswitchd.ctl')}`, ...common(dir, 'ovs-vswitchd')],
    env,
  );
  await vsctl([
    'add-br',
    'br-phy',
    '--',
    'set',
    'bridge',
    'br-phy',
    'datapath_type=netdev',
    '--',
    'add-port',
    'br-phy',
    'eth-ul',
  ]);
  await ns.exec('ip', ['addr', 'add', `${encapIp}/24`, 'dev', 'br-phy']);
  await ns.exec('ip', ['link', 'set', 'br-phy', 'up']);
  await vsctl([
    'set',
    'open',
    '.',
    `external_ids:system-id=${name}`,
    `external_ids:hostname=${name}`,
    `external_ids:ovn-remote=tcp:${UNDERLAY}.1:6642`,
    'external_ids:ovn-encap-type=geneve',
    `external_ids:ovn-encap-ip=${encapIp}`,
    'external_ids:ovn-bridge-datapath-type=netdev',
  ]);
  daemon(ns, 'ovn-controller', [db, ...common(dir, 'ovn-controller')], env);
  return {
    name,
    ns,
    dir,
    encapIp,
    vsctl,
    env: { ...env, OVN_NB_DB: central.nbRemote, VNM_OVN_TIMEOUT: '3' },
  };
}

async function chassisUp(central: OvnCentral, name: string): Promise<boolean> {
  const r = await capture('ovn-sbctl', [
    `--db=unix:${join(central.dir, 'sb.sock')}`,
    '--timeout=5',
    '--bare',
    '--columns=name',
    'find',
    'Chassis',
    `name=${name}`,
  ]);
  return r.stdout.trim() === name;
}

/** Central and `count` hosts, every chassis registered in the southbound database. */
export async function createOvnLab(count = 2): Promise<OvnLab> {
  const base = mkdtempSync(join(tmpdir(), 'vnmt-ovn-'));
  const namespaces: TestNetns[] = [];
  const lab = {
    destroy: async () => {
      for (const c of children) c.kill('SIGKILL');
      await Promise.all(namespaces.map((ns) => ns.destroy()));
      rmSync(base, { recursive: true, force: true });
    },
  };
  try {
    const central = await startCentral(base);
    namespaces.push(central.ns);
    const hosts: OvnHost[] = [];
    for (let i = 0; i < count; i++) {
      const host = await startHost(base, central, i);
      namespaces.push(host.ns);
      hosts.push(host);
    }
    await Promise.all(hosts.map((h) => waitFor(`chassis ${h.name}`, () => chassisUp(central, h.name))));
    await central.ns.exec('nft', ['-f', '-'], {
      input:
        'table bridge vnmt_geneve {\n counter geneve {\n }\n chain underlay {\n  type filter hook forward priority 0;\n  udp dport 6081 counter name geneve\n }\n}\n',
    });
    let guests = 0;
    return {
      central,
      hosts,
      destroy: lab.destroy,
      async geneveCount() {
        const r = await central.ns.exec('nft', ['-j', 'list', 'counter', 'bridge', 'vnmt_geneve', 'geneve']);
        const items = (JSON.parse(r.stdout) as { nftables: { counter?: { packets: number } }[] }).nftables;
        return items.find((i) => i.counter)?.counter?.packets ?? 0;
      },
      async plugGuest(host, ifaceId, mac) {
        const ns = await createNetns('ovng');
        namespaces.push(ns);
        const port = `gp${++guests}`;
        await connectVeth(host.ns, port, ns, 'eth0');
        await ns.exec('ip', ['link', 'set', 'dev', 'eth0', 'address', mac]);
        // The userspace datapath drops TCP whose checksum the guest left to offload.
        await ns.exec('ethtool', ['-K', 'eth0', 'tx', 'off']);
        await host.vsctl([
          'add-port',
          'br-int',
          port,
          '--',
          'set',
          'interface',
          port,
          `external_ids:iface-id=${ifaceId}`,
        ]);
        return ns;
      },
      async addUplink(host, physnet, address) {
        const ns = await createNetns('ovnu');
        namespaces.push(ns);
        await host.vsctl(['add-br', 'br-ext', '--', 'set', 'bridge', 'br-ext', 'datapath_type=netdev']);
        await connectVeth(ns, 'eth0', host.ns, 'eth-ext');
        await ns.exec('ethtool', ['-K', 'eth0', 'tx', 'off']);
        await ns.exec('ip', ['addr', 'add', address, 'dev', 'eth0']);
        await host.vsctl([
          'add-port',
          'br-ext',
          'eth-ext',
          '--',
          'set',
          'open',
          '.',
          `external_ids:ovn-bridge-mappings=${physnet}:br-ext`,
        ]);
        return ns;
      },
    };
  } catch (err) {
    await lab.destroy();
    throw err;
  }
}
