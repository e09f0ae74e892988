/**
 * vnmd: the privileged helper. Loads the stored networks, adopts running ones, starts the
 * autostart ones, and serves the RPC on a read-write and a read-only socket until SIGTERM or
 * SIGINT. Networks keep running when vnmd stops, as they do when libvirtd stops.
 */
import { readFileSync } from 'node:fs';
import { VnmError } from '../../shared/rpc/errors';
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET } from '../wire/sockets';
import { DnsmasqWatchdog } from './driver/watchdog';
import { dnsmasqControl } from './driver/dnsmasq-control';
import { NetworkDriver } from './driver/driver';
import type { DriverContext } from './driver/context';
import { Firewall } from './firewall';
import { IpBatch } from './bridge/ip-batch';
import { initDirs } from './driver/files';
import type { DaemonDirs } from './driver/files';
import { acquireInstanceLock } from './instance-lock';
import type { InstanceLock } from './instance-lock';
import { KeyedMutex } from './driver/keyed-mutex';
import { leaseWatcher } from './driver/lease-watch';
import { PortIsolationKeeper } from './driver/port-isolation-keeper';
import { PortBandwidthKeeper } from './driver/port-bandwidth-keeper';
import { adoptRunning, loadDefinitions, startAutostart } from './driver/reconcile';
import { NetworkTable } from './driver/table';
import { SubnetClaims } from './driver/subnet-claims';
import { statsNetworks } from './driver/stats-source';
import { StatsSampler } from './stats/sampler';
import { EventBus } from './events/bus';
import { readFindings } from './findings/findings';
import { FindingsKeeper } from './findings/keeper';
import { clientLimits, openFileLimit } from './rpc/client-limits';
import { buildHandlers } from './rpc/handlers';
import { listenRpc } from './rpc/server';
import type { RpcListener } from './rpc/server';
import { idleTimeoutMs } from './rpc/connection';
import { ConfigStore } from './store/config-store';
import { takePassedSockets } from './systemd/listen-fds';
import type { PassedSockets } from './systemd/listen-fds';
import { StatusStore } from './store/status-store';
import { applyOvnAddresses } from './ovn/config';

export interface DaemonOptions {
  readonly configDir?: string;
  readonly stateDir?: string;
  readonly runtimeDir?: string;
  readonly socket?: string;
  readonly roSocket?: string;
  readonly dnsmasqBinary?: string;
  readonly autostart?: boolean;
  /** The group whose members may use the read-write socket (default vnm). */
  readonly socketGroup?: string;
  /** OVN's northbound and southbound databases (else OVN_NB_DB, OVN_SB_DB; ovn/config.ts). */
  readonly ovnNbDb?: string;
  readonly ovnSbDb?: string;
}

const CAP_NET_ADMIN = 12n;

/**
 * VNMD_EVENT_QUEUE_LIMIT: events a slow client may have queued before it is disconnected
 * (default DEFAULT_QUEUE_LIMIT). Integration tests make it small so overflow is reached with a
 * modest volume of events; nothing else should need it.
 */
export function eventQueueLimit(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.VNMD_EVENT_QUEUE_LIMIT);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Whether this process may change the network (CapEff bit 12 in /proc/self/status). */
export function hasNetAdmin(statusText = readFileSync('/proc/self/status', 'utf8')): boolean {
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(statusText)?.[1];
  return hex !== undefined && ((BigInt(`0x${hex}`) >> CAP_NET_ADMIN) & 1n) === 1n;
}

function log(message: string): void {
  process.stderr.write(`vnmd: ${message}\n`);
}

export interface RunningDaemon {
  readonly driver: NetworkDriver;
  stop(reason: string): Promise<void>;
}

/** Starts vnmd and returns once it serves; `stop` closes the sockets (networks keep running). */
export async function startDaemon(opts: DaemonOptions = {}): Promise<RunningDaemon> {
  if (!hasNetAdmin()) {
    throw new VnmError(
      'permission-denied',
      'vnmd needs CAP_NET_ADMIN to manage networks; run it as root (sudo vnm daemon).',
    );
  }
  applyOvnAddresses({ nbDb: opts.ovnNbDb, sbDb: opts.ovnSbDb });
  // Taken first, so no child started below inherits systemd's variables.
  const passed = takePassedSockets();
  const runtimeDir = opts.runtimeDir ?? '/run/vnm';
  const dirs = {
    configDir: opts.configDir ?? '/etc/vnm/networks',
    stateDir: opts.stateDir ?? '/var/lib/vnm',
    runtimeDir,
  };
  const socket = opts.socket ?? (opts.runtimeDir ? `${runtimeDir}/vnmd.sock` : DEFAULT_SOCKET);
  const roSocket = opts.roSocket ?? (opts.runtimeDir ? `${runtimeDir}/vnmd-ro.sock` : DEFAULT_RO_SOCKET);
  // Before anything is read or changed: a second vnmd on these directories must not adopt.
  // A socket systemd passed answers because systemd holds it for us: it says nothing of
  // another vnmd, so only the paths vnmd listens on itself are asked.
  const own = [
    ...(passed.readWrite === undefined ? [socket] : []),
    ...(passed.readOnly === undefined ? [roSocket] : []),
  ];
  const lock = await acquireInstanceLock(runtimeDir, own, log);
  try {
    return await serve(opts, dirs, { socket, roSocket, passed }, lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

interface SocketPlan {
  readonly socket: string;
  readonly roSocket: string;
  /** Sockets systemd passed, served instead of making the files. */
  readonly passed: PassedSockets;
}

async function serve(
  opts: DaemonOptions,
  dirs: DaemonDirs,
  { socket, roSocket, passed }: SocketPlan,
  lock: InstanceLock,
): Promise<RunningDaemon> {
  const runtimeDir = dirs.runtimeDir;
  const ctx: DriverContext = {
    dirs,
    table: new NetworkTable(),
    configStore: new ConfigStore(dirs.configDir, log),
    statusStore: new StatusStore(runtimeDir, log),
    dnsmasq: dnsmasqControl(opts.dnsmasqBinary),
    firewall: new Firewall(),
    ip: new IpBatch(),
    subnetClaims: new SubnetClaims(),
    bus: new EventBus(),
    mutex: new KeyedMutex(),
    log,
  };
  await ctx.configStore.init();
  await ctx.statusStore.init();
  await initDirs(dirs, log);
  const driver = new NetworkDriver(ctx);
  await loadDefinitions(ctx);
  await adoptRunning(ctx);
  // After adoption: the ports of networks still running stay, those of the others go.
  await driver.ports.load(ctx.table);
  const sampler = new StatsSampler({
    listNetworks: statsNetworks(ctx),
    onSample: (samples) => ctx.bus.publish({ type: 'stats', samples }),
    onError: (err) => log(`stats: ${err instanceof Error ? err.message : String(err)}`),
  });
  sampler.start();
  const findings = new FindingsKeeper({ read: () => readFindings(driver), bus: ctx.bus, log });
  findings.start();
  const handlers = buildHandlers(driver, sampler, findings);
  const listeners: RpcListener[] = [];
  const queueLimit = eventQueueLimit();
  const limits = clientLimits(openFileLimit());
  const common = { handlers, bus: ctx.bus, queueLimit, group: opts.socketGroup };
  listeners.push(
    await listenRpc({
      ...common,
      path: socket,
      readOnly: false,
      fd: passed.readWrite,
      maxClients: limits.readWrite,
    }),
  );
  listeners.push(
    await listenRpc({
      ...common,
      path: roSocket,
      readOnly: true,
      fd: passed.readOnly,
      maxClients: limits.readOnly,
      maxPerUser: limits.readOnlyPerUser,
      log,
      // Every local user shares its capped slots: a silent one must give its slot back.
      idleMs: idleTimeoutMs(),
    }),
  );
  const watchdog = new DnsmasqWatchdog(ctx);
  watchdog.start();
  const leases = leaseWatcher(ctx);
  leases.start();
  // After adoption, so its first sweep isolates the ports adopted networks already have.
  const bandwidth = new PortBandwidthKeeper(ctx, { ports: driver.ports });
  const isolation = new PortIsolationKeeper(ctx, {
    ports: driver.ports,
    onLinkChange: () => bandwidth.linkChanged(),
  });
  driver.onPortsChanged = async (network, bridge) => {
    if (bridge) void isolation.enforce(bridge);
    const failed = await bandwidth.settle(true);
    const mine = [...failed].filter(([key]) => key.startsWith(`${network}/`));
    return new Map(mine.map(([key, message]) => [key.slice(network.length + 1), message]));
  };
  isolation.start();
  bandwidth.start();
  const how = passed.readWrite !== undefined || passed.readOnly !== undefined ? ', passed by systemd' : '';
  log(`listening on ${socket} (read-write) and ${roSocket} (read-only)${how}`);
  log(
    `client limits: ${limits.readWrite} read-write, ${limits.readOnly} read-only ` +
      `(${limits.readOnlyPerUser} per user)`,
  );
  if (opts.autostart !== false) await startAutostart(ctx, driver);
  return {
    driver,
    async stop(reason) {
      watchdog.stop();
      leases.stop();
      isolation.stop();
      bandwidth.stop();
      findings.stop();
      sampler.stop();
      await Promise.all(listeners.map((l) => l.close(reason)));
      // A start or destroy in progress finishes, so no network is left half-done.
      await ctx.mutex.idle();
      await lock.release();
    },
  };
}

/** `vnm daemon`: runs until SIGTERM or SIGINT. */
export async function runDaemon(opts: DaemonOptions = {}): Promise<void> {
  // A bug in one request must not take the sockets down for everyone: say it and go on.
  process.on('unhandledRejection', (reason) => log(`internal error (please report): ${String(reason)}`));
  const daemon = await startDaemon(opts);
  await new Promise<void>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      log(`${sig} received, stopping (networks keep running)`);
      void daemon.stop('vnmd is shutting down').finally(resolve);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}
