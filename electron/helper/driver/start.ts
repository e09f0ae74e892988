/**
 * Starting a network, in libvirt's order: checks first (nothing changed yet), then bridge,
 * IPv6 sysctls, addresses, link up, routes, traffic shaping, forwarding and dnsmasq last, with the firewall
 * installed alongside (see runSteps). Each step registers its undo; a failure undoes
 * everything in reverse and says which step failed.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { isManagedBridgeKind, isOvnNetwork, networkKind } from '../../../shared/model/network';
import { ovnConfig } from '../ovn/config';
import { startOvnNetwork } from '../ovn/lifecycle';
import { dnsmasqNeeded } from '../../../shared/dnsmasq/config';
import { VnmError } from '../../../shared/rpc/errors';
import { linkNames } from '../bridge/proc-net';
import { Revert } from '../revert';
import type { CreatedResources, RunStatus, StatusStore } from '../store/status-store';
import type { Firewall } from '../firewall';
import type { IpBatch } from '../bridge/ip-batch';
import type { DnsmasqControl } from './dnsmasq-control';
import type { DaemonDirs, NetworkFiles } from './files';
import { networkFiles, writeDnsmasqFilesForStart } from './files';
import * as step from './host-steps';
import { injectedFailure } from '../inject';
import { registerDomain } from '../resolved/register';
import type { StartStep } from '../inject';
import type { SubnetClaims } from './subnet-claims';
import type { NetworkTable } from './table';
import { checkStartable } from './validate';
import { checkApplicable } from './unapplicable';
import { formatDefinition } from './xml';
import { shapingPlan } from '../shaping/bandwidth-plan';
import { checkIfbFree } from '../shaping/shaping';

export interface StartDeps {
  readonly dirs: DaemonDirs;
  /** The other networks, whose running subnets a start may not overlap. */
  readonly table?: NetworkTable;
  readonly statusStore: StatusStore;
  readonly dnsmasq: DnsmasqControl;
  readonly firewall: Firewall;
  readonly ip: IpBatch;
  readonly subnetClaims: SubnetClaims;
}

export async function startNetwork(
  def: NetworkDef,
  persistent: boolean,
  deps: StartDeps,
): Promise<RunStatus> {
  checkStartable(def);
  checkApplicable(def);
  const kind = networkKind(def);
  if (isOvnNetwork(def)) {
    const base = baseStatus(def, persistent, def.bridge?.name ?? null, {
      bridge: false,
      firewall: false,
      routes: [],
      dnsmasq: null,
    });
    return startOvnNetwork(def, ovnConfig(), deps.statusStore, base);
  }
  if (kind === 'bridge') return startHostBridge(def, persistent, deps);
  if (!isManagedBridgeKind(kind)) {
    throw new VnmError(
      'unsupported',
      `Network '${def.name}' uses forward mode '${kind}', which vnm cannot run on this host; use nat, route, open, isolated or bridge.`,
    );
  }
  return startManaged(def, persistent, deps);
}

function baseStatus(
  def: NetworkDef,
  persistent: boolean,
  bridge: string | null,
  created: CreatedResources,
): RunStatus {
  return {
    version: 1,
    name: def.name,
    uuid: def.uuid ?? '',
    persistent,
    phase: 'running',
    liveXml: formatDefinition(def),
    bridge,
    created,
    startedAt: Date.now(),
  };
}

/** An existing host bridge: vnm creates nothing and removes nothing. */
async function startHostBridge(def: NetworkDef, persistent: boolean, deps: StartDeps): Promise<RunStatus> {
  const bridge = def.bridge?.name ?? null;
  if (bridge && !(await linkNames()).has(bridge)) {
    throw new VnmError(
      'operation-failed',
      `The host bridge '${bridge}' does not exist; create it first (ip link add ${bridge} type bridge).`,
    );
  }
  const status = baseStatus(def, persistent, bridge, {
    bridge: false,
    firewall: false,
    routes: [],
    dnsmasq: null,
  });
  await deps.statusStore.save(status);
  return status;
}

const LABELS: Record<StartStep, string> = {
  bridge: 'creating the bridge',
  'ipv6-sysctl': 'setting the IPv6 sysctls of the bridge',
  addresses: 'adding the addresses and routes and bringing the bridge up',
  bandwidth: 'shaping the traffic with tc (<bandwidth>)',
  forwarding: 'enabling IP forwarding',
  firewall: 'installing the firewall rules',
  dnsmasq: 'starting dnsmasq',
  'dns-register': 'registering the domain with systemd-resolved',
  status: 'saving the runtime status',
};

/** A step's error, with the step, so the message can say what was being done. */
class StepFailure extends Error {
  constructor(
    readonly step: StartStep,
    override readonly cause: unknown,
  ) {
    super(`start step ${step} failed`);
  }
}

async function startManaged(def: NetworkDef, persistent: boolean, deps: StartDeps): Promise<RunStatus> {
  const bridge = def.bridge?.name;
  if (!bridge) {
    throw new VnmError('internal', `Network '${def.name}' has no bridge name. Please report this as a bug.`);
  }
  const release = await deps.subnetClaims.claim(def, bridge, deps.table);
  try {
    await step.checkBridgeFree(bridge);
    await checkIfbFree(shapingPlan(def.bandwidth, bridge));
    return await startClaimed(def, persistent, bridge, deps);
  } finally {
    release();
  }
}

async function startClaimed(
  def: NetworkDef,
  persistent: boolean,
  bridge: string,
  deps: StartDeps,
): Promise<RunStatus> {
  const created: CreatedResources = { bridge: false, firewall: false, routes: [], dnsmasq: null };
  const status = baseStatus(def, persistent, bridge, created);
  // Written first so that a vnmd killed mid-start finds and cleans this network when it restarts.
  await deps.statusStore.save({ ...status, phase: 'starting' });
  const r = new Revert();
  r.add(() => deps.statusStore.remove(def.name), 'remove the runtime status');
  try {
    await runSteps(def, bridge, deps, created, r);
    await runStep(def.name, 'status', () => deps.statusStore.save({ ...status, created }));
    r.success();
    return { ...status, created };
  } catch (err) {
    await r.revert();
    const failure = err instanceof StepFailure ? err : new StepFailure('status', err);
    throw startError(def.name, LABELS[failure.step], failure.cause, r);
  }
}

async function runStep(name: string, s: StartStep, fn: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
    traceStep(name, s, t0);
    injectedFailure(s);
  } catch (err) {
    throw new StepFailure(s, err);
  }
}

/**
 * The bridge, its IPv6 settings, addresses and forwarding, in libvirt's order, then dnsmasq
 * on the bridge. The firewall matches the bridge by name, so its rules go in at the same
 * time (they match nothing until the bridge exists), and dnsmasq's files are written
 * meanwhile too. Every step registers its undo; a failure of any reverts them all.
 */
async function runSteps(
  def: NetworkDef,
  bridge: string,
  deps: StartDeps,
  created: CreatedResources,
  r: Revert,
): Promise<void> {
  const run = (s: StartStep, fn: () => Promise<void>) => runStep(def.name, s, fn);
  const firewall = run('firewall', async () => {
    created.firewall = await step.installFirewall(deps.firewall, def, bridge, r);
  });
  const files = networkFiles(deps.dirs, def.name);
  const written = dnsmasqNeeded(def) ? writeDnsmasqFilesForStart(def, files, bridge, r) : Promise.resolve();
  written.catch(() => undefined); // awaited by the dnsmasq step, if the start gets that far
  const host = (async () => {
    await run('bridge', async () => {
      await step.createNetworkBridge(deps.ip, def, bridge, r);
      created.bridge = true;
    });
    await run('ipv6-sysctl', () => step.configureIpv6(def, bridge, r));
    await run(
      'addresses',
      async () => void created.routes.push(...(await step.addressesUpAndRoutes(deps.ip, def, bridge))),
    );
    await run('bandwidth', async () => {
      created.ifb = await step.shapeTraffic(deps.ip, def, bridge, r);
    });
    await run('forwarding', () => step.enableForwarding(def, r));
    await run('dnsmasq', async () => {
      await written;
      await startDnsmasq(def, files, deps, created, r);
    });
    await run('dns-register', () => registerDomain(def, bridge, r));
  })();
  const results = await Promise.allSettled([host, firewall]);
  // The revert must not run while the files are still being written (their undo comes with them).
  await written.catch(() => undefined);
  const failed = results.find((x) => x.status === 'rejected');
  if (failed) throw failed.reason as StepFailure;
}

async function startDnsmasq(
  def: NetworkDef,
  files: NetworkFiles,
  deps: StartDeps,
  created: CreatedResources,
  r: Revert,
): Promise<void> {
  if (!dnsmasqNeeded(def)) return;
  const record = await deps.dnsmasq.start(def.name, files);
  created.dnsmasq = record;
  r.add(() => deps.dnsmasq.stop(record), `stop dnsmasq (pid ${record.pid})`);
}

/** VNMD_TRACE=1 prints how long each start step took, for profiling. */
function traceStep(name: string, s: string, t0: number): void {
  if (process.env.VNMD_TRACE)
    process.stderr.write(`vnmd: trace ${name} ${s} ${(performance.now() - t0).toFixed(1)} ms\n`);
}

function startError(name: string, label: string, err: unknown, r: Revert): VnmError {
  const kind = err instanceof VnmError && err.kind !== 'internal' ? err.kind : 'operation-failed';
  const why = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
  const leftovers = r.failures.map(
    (f) => `${f.what}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
  );
  const restored = leftovers.length
    ? `; undoing the earlier steps also failed (${leftovers.join('; ')})`
    : '; the host was restored as it was';
  const details = err instanceof VnmError ? err.details : undefined;
  return new VnmError(kind, `Failed to start network '${name}' while ${label}: ${why}${restored}.`, details);
}
