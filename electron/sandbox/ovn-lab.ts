/**
 * OVN across simulated hosts, for the OVN sandbox (`npm run demo -- --ovn`) and the
 * integration tests (test/helpers/ovn-hosts.ts): a "central" namespace running the northbound
 * and southbound ovsdb-servers and ovn-northd, and N hosts, each with its own ovsdb-server,
 * ovs-vswitchd (userspace datapath: this kernel has no openvswitch module) and
 * ovn-controller, joined by a veth underlay through a Linux bridge in the central namespace.
 *
 * Every daemon runs in a namespace the caller made, with run/db/log dirs under one folder
 * (never /run/openvswitch), started without --detach so the caller is its parent; destroy()
 * kills them by pid. The caller deletes the namespaces (which kills what is left in them).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../helper/exec';
import { connectVeth } from './netns';
import type { Netns } from './netns';

/** The underlay (the second half of RFC 2544's benchmarking range; the sandbox's LAN has TEST-NET-1): central's bridge is .1, host i's encap address .(11 + i). */
export const UNDERLAY = '198.19.0';
const NB_SCHEMA = '/usr/share/ovn/ovn-nb.ovsschema';
const SB_SCHEMA = '/usr/share/ovn/ovn-sb.ovsschema';
const VS_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

/** Why OVN cannot run here (in words that say what to install), or null when it can. */
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
  if (process.getuid?.() !== 0) return 'OVN on simulated hosts needs root (network namespaces)';
  return missing.length > 0
    ? `OVN is not installed (${missing.join(', ')} missing): run scripts/setup.sh, or apt-get install openvswitch-switch ovn-central ovn-host ethtool`
    : null;
}

export interface OvnHost<N extends Netns = Netns> {
  /** The chassis name and hostname (host-a, host-b, ...). */
  readonly name: string;
  readonly ns: N;
  /** Private run/db/log dir: OVS_RUNDIR and OVN_RUNDIR of this host. */
  readonly dir: string;
  readonly encapIp: string;
  /** The environment a vnmd on this host needs to find its OVS and the northbound database. */
  readonly env: Record<string, string>;
  vsctl(args: readonly string[]): Promise<string>;
}

export interface OvnCentral<N extends Netns = Netns> {
  readonly ns: N;
  readonly dir: string;
  /** tcp:IP:6641, as hosts reach it. */
  readonly nbRemote: string;
  /** unix socket, for a local ovn-nbctl. */
  readonly nbSocket: string;
  nbctl(args: readonly string[]): Promise<string>;
  /** The central daemons' pids (NB and SB ovsdb-server, ovn-northd). */
  readonly pids: readonly number[];
}

export interface OvnLabOptions<N extends Netns> {
  /** Where every daemon's files go (made by the caller). */
  readonly dir: string;
  /** Makes a namespace for a role: 'ovnc' (central) or 'ovnhI' (host I). */
  readonly makeNs: (role: string) => Promise<N>;
  /** How many hosts (default 2). */
  readonly count?: number;
  /** Namespaces that already exist and become hosts, by index (the sandbox's own host is host-a). */
  readonly existing?: readonly (N | undefined)[];
  /** Seconds vnmd's ovn-nbctl waits for the database (VNM_OVN_TIMEOUT; default vnmd's own). */
  readonly vnmdTimeoutS?: number;
}

export interface OvnLab<N extends Netns = Netns> {
  readonly central: OvnCentral<N>;
  readonly hosts: readonly OvnHost<N>[];
  /** Every daemon the lab started, for the caller's cleanup. */
  readonly children: ReadonlySet<ChildProcess>;
  /** Kills the lab's daemons by pid (the namespaces are the caller's). */
  stop(): void;
}

/** The environment of a vnmd (or an ovs tool) on a host whose files are in `dir`. */
export function ovnEnvFor(dir: string): Record<string, string> {
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

/**
 * What a vnmd on host `index` of a lab in `labDir` needs to find its OVS and the northbound
 * database; known before the lab runs, so that vnmd can load while the lab is made.
 */
export function ovnVnmdEnv(labDir: string, index: number, timeoutS?: number): Record<string, string> {
  const timeout: Record<string, string> = timeoutS ? { VNM_OVN_TIMEOUT: String(timeoutS) } : {};
  return {
    ...ovnEnvFor(join(labDir, ovnHostName(index))),
    OVN_NB_DB: `tcp:${UNDERLAY}.1:6641`,
    ...timeout,
  };
}

/** Host `index`'s chassis name: host-a, host-b, ... */
export function ovnHostName(index: number): string {
  return `host-${String.fromCharCode(97 + index)}`;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

function common(dir: string, name: string): string[] {
  return [`--pidfile=${join(dir, `${name}.pid`)}`, `--log-file=${join(dir, `${name}.log`)}`, '--no-chdir'];
}

class Daemons {
  readonly children = new Set<ChildProcess>();

  start(ns: Netns, cmd: string, args: readonly string[], env: Record<string, string>): ChildProcess {
    const child = ns.spawn(cmd, args, { env, stdio: 'ignore' });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  stop(): void {
    for (const c of this.children) c.kill('SIGKILL');
  }
}

async function startCentral<N extends Netns>(ns: N, base: string, daemons: Daemons): Promise<OvnCentral<N>> {
  const dir = join(base, 'central');
  mkdirSync(dir);
  const env = ovnEnvFor(dir);
  await ns.exec('ip', ['link', 'add', 'ul', 'type', 'bridge']);
  await ns.exec('ip', ['addr', 'add', `${UNDERLAY}.1/24`, 'dev', 'ul']);
  await ns.exec('ip', ['link', 'set', 'ul', 'up']);
  const pids: number[] = [];
  for (const [db, schema, port] of [
    ['nb', NB_SCHEMA, 6641],
    ['sb', SB_SCHEMA, 6642],
  ] as const) {
    await run('ovsdb-tool', ['create', join(dir, `${db}.db`), schema]);
    const child = daemons.start(
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
  const northd = daemons.start(
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
      (await run('ovn-nbctl', [`--db=unix:${nbSocket}`, '--timeout=10', ...args])).stdout.trim(),
  };
}

interface HostSpec<N extends Netns> {
  readonly ns: N;
  readonly base: string;
  readonly central: OvnCentral<N>;
  readonly index: number;
  readonly daemons: Daemons;
  readonly timeoutS: number | undefined;
}

async function startHost<N extends Netns>(spec: HostSpec<N>): Promise<OvnHost<N>> {
  const { ns, base, central, index, daemons } = spec;
  const name = ovnHostName(index);
  const dir = join(base, name);
  mkdirSync(dir);
  const env = ovnEnvFor(dir);
  const encapIp = `${UNDERLAY}.${11 + index}`;
  const db = `unix:${join(dir, 'db.sock')}`;
  const vsctl = async (args: readonly string[]) =>
    (await ns.exec('ovs-vsctl', [`--db=${db}`, '--timeout=10', ...args])).stdout.trim();
  // The underlay: a veth from the central bridge; OVS's userspace datapath drops TCP with a
  // checksum left to offload, so the side feeding OVS computes checksums itself.
  await connectVeth(central.ns, `ul${index}`, ns, 'eth-ul');
  await central.ns.exec('ip', ['link', 'set', `ul${index}`, 'master', 'ul']);
  await central.ns.exec('ethtool', ['-K', `ul${index}`, 'tx', 'off']);
  await run('ovsdb-tool', ['create', join(dir, 'conf.db'), VS_SCHEMA]);
  daemons.start(
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
  daemons.start(
    ns,
    'ovs-vswitchd',
    [db, '--disable-system', `--unixctl=${join(dir, 'ovs-vswitchd.ctl')}`, ...common(dir, 'ovs-vswitchd')],
    env,
  );
  await vsctl(['add-br', 'br-phy', '--', 'set', 'bridge', 'br-phy', 'datapath_type=netdev']);
  await vsctl(['add-port', 'br-phy', 'eth-ul']);
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
  daemons.start(ns, 'ovn-controller', [db, ...common(dir, 'ovn-controller')], env);
  return { name, ns, dir, encapIp, vsctl, env: ovnVnmdEnv(base, index, spec.timeoutS) };
}

async function chassisUp(central: OvnCentral<Netns>, name: string): Promise<boolean> {
  const r = await run('ovn-sbctl', [
    `--db=unix:${join(central.dir, 'sb.sock')}`,
    '--timeout=5',
    '--bare',
    '--columns=name',
    'find',
    'Chassis',
    `name=${name}`,
  ]).catch(() => ({ stdout: '' }));
  return r.stdout.trim() === name;
}

/**
 * Central and the hosts, every chassis registered in the southbound database. On a failure
 * the daemons started so far are killed and the error rethrown (the namespaces are the caller's).
 */
export async function startOvnLab<N extends Netns>(opts: OvnLabOptions<N>): Promise<OvnLab<N>> {
  const daemons = new Daemons();
  try {
    const central = await startCentral(await opts.makeNs('ovnc'), opts.dir, daemons);
    const hosts: OvnHost<N>[] = [];
    for (let index = 0; index < (opts.count ?? 2); index++) {
      const ns = opts.existing?.[index] ?? (await opts.makeNs(`ovnh${index}`));
      hosts.push(
        await startHost({ ns, base: opts.dir, central, index, daemons, timeoutS: opts.vnmdTimeoutS }),
      );
    }
    await Promise.all(hosts.map((h) => waitFor(`chassis ${h.name}`, () => chassisUp(central, h.name))));
    return { central, hosts, children: daemons.children, stop: () => daemons.stop() };
  } catch (err) {
    daemons.stop();
    throw err;
  }
}

/**
 * Plugs an interface of `host` into its br-int as the OVS port of interface id `ifaceId`, as
 * libvirt does for `<virtualport type='openvswitch'>`: ovn-controller binds it to the logical
 * switch port of that name.
 */
export async function plugIntoBrInt(host: OvnHost<Netns>, iface: string, ifaceId: string): Promise<void> {
  await host.vsctl([
    'add-port',
    'br-int',
    iface,
    '--',
    'set',
    'interface',
    iface,
    `external_ids:iface-id=${ifaceId}`,
  ]);
}

/**
 * Gives `host` a bridge br-ext mapped to the physical network `physnet` (a localnet uplink),
 * with `iface` (already in the host's namespace) as its port.
 */
export async function mapPhysnet(host: OvnHost<Netns>, physnet: string, iface: string): Promise<void> {
  await host.vsctl(['add-br', 'br-ext', '--', 'set', 'bridge', 'br-ext', 'datapath_type=netdev']);
  await host.vsctl([
    'add-port',
    'br-ext',
    iface,
    '--',
    'set',
    'open',
    '.',
    `external_ids:ovn-bridge-mappings=${physnet}:br-ext`,
  ]);
}
