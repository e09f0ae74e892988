/**
 * The network driver: vnmd's equivalent of libvirt's bridge_driver. Every operation on a
 * network holds that network's lock; operations that change which names, UUIDs and bridge
 * names exist also hold the definitions lock.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { PortForward } from '../../../shared/model/port-forward';
import { formatPortRange } from '../../../shared/model/port-forward';
import { join } from 'node:path';
import type {
  Lease,
  NetworkInfo,
  NetworkPortSummary,
  NetworkSummary,
  VnmEvent,
} from '../../../shared/rpc/contract';
import { formatNetworkPortXml } from '../../../shared/xml/format-network-port';
import { VnmError } from '../../../shared/rpc/errors';
import { assertSafeName } from '../store/names';
import type { DriverContext } from './context';
import { DEFS_LOCK } from './context';
import { completeDefinition } from './define';
import type { ForwardKey, ForwardTarget } from './forwards';
import { checkDefinitionForwards, commitForwardChange, planAddForward, planRemoveForward } from './forwards';
import { networkFiles, removeNetworkFiles } from './files';
import { applyLiveUpdate, planUpdate, undoLiveUpdate } from './live-update';
import type { UpdateParams } from './live-update';
import type { MetadataChange, MetadataRequest } from './metadata';
import { commitMetadata, planMetadata, readMetadata } from './metadata';
import { createPort, deletePort, lookupPort, runningBridge, summarizePort } from './port-ops';
import { PortRegistry } from './ports';
import { networkInfo, networkLeases } from './queries';
import { startNetwork } from './start';
import { checkDefinable } from './validate';
import { checkHostdevPool } from './sriov';
import { stopNetwork } from './stop';
import type { NetworkEntry } from './table';
import { currentDef, summarize } from './table';
import { formatDefinition, parseDefinition } from './xml';
import { formatNetworkXml } from '../../../shared/xml/format-network';
import { withLiveFacts } from '../../../shared/xml/live-facts';

export type LifecycleEvent = Extract<VnmEvent, { type: 'lifecycle' }>['event'];

export class NetworkDriver {
  /** Guest ports recorded with net-port-create, per running network. */
  readonly ports: PortRegistry;
  /**
   * Told when a network's recorded ports changed (or its ports went with it), so isolation and
   * bandwidth apply at once (main.ts); resolves with why a port could not be shaped, by UUID.
   */
  onPortsChanged: (network: string, bridge: string | null) => Promise<ReadonlyMap<string, string>> = () =>
    Promise.resolve(new Map());

  constructor(readonly ctx: DriverContext) {
    this.ports = new PortRegistry(join(ctx.dirs.runtimeDir, 'ports'), (m) => ctx.log(m));
  }

  private get table() {
    return this.ctx.table;
  }

  /** Runs fn with the network's lock; the entry is looked up again once the lock is held. */
  private withNetwork<T>(ref: string, fn: (e: NetworkEntry) => Promise<T>, defs = false): Promise<T> {
    const name = this.table.lookup(ref).name;
    const keys = defs ? [DEFS_LOCK, name] : [name];
    return this.ctx.mutex.runAll(keys, () => fn(this.table.lookup(name)));
  }

  private emit(event: LifecycleEvent, network: string, detail: string | null = null): void {
    this.ctx.bus.publish({ type: 'lifecycle', event, network, detail });
  }

  list(filter: 'active' | 'inactive' | 'all'): NetworkSummary[] {
    return this.table
      .all()
      .filter((e) => filter === 'all' || (filter === 'active') === (e.live !== null))
      .map(summarize)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  info(ref: string): Promise<NetworkInfo> {
    return networkInfo(this.table.lookup(ref));
  }

  /** Live XML of a running network carries libvirt's live-only facts (shared/xml/live-facts.ts). */
  async getXml(ref: string, inactive: boolean): Promise<string> {
    const e = this.table.lookup(ref);
    const def = inactive ? (e.config ?? e.live) : (e.live ?? e.config);
    if (!def)
      throw new VnmError('internal', `Network '${e.name}' has no definition. Please report this as a bug.`);
    if (inactive || !e.live) return formatDefinition(def);
    const { connections } = await networkInfo(e);
    return formatNetworkXml(withLiveFacts(e.live, connections), { live: true });
  }

  leases(ref: string, mac?: string): Promise<Lease[]> {
    const e = this.table.lookup(ref);
    return networkLeases(e, networkFiles(this.ctx.dirs, e.name).leaseFile, mac);
  }

  /** With mustNotExist, a name already defined (or running) is a conflict, checked under the lock. */
  async define(xml: string, { mustNotExist = false } = {}): Promise<NetworkSummary> {
    const parsed = parseDefinition(xml);
    assertSafeName(parsed.name);
    checkDefinable(parsed);
    await checkHostdevPool(parsed);
    return this.ctx.mutex.runAll([DEFS_LOCK, parsed.name], async () => {
      if (mustNotExist && this.table.get(parsed.name)) {
        throw new VnmError(
          'conflict',
          `network '${parsed.name}' already exists; choose another name, or redefine it without mustNotExist.`,
        );
      }
      checkDefinitionForwards(parsed, this.table);
      const def = await completeDefinition(this.table, parsed);
      await this.ctx.configStore.save(def.name, formatDefinition(def));
      const e = this.table.get(def.name);
      if (e) {
        e.config = def;
        e.uuid = def.uuid!;
      } else {
        this.table.set(newEntry(def, def, null));
      }
      this.emit('defined', def.name);
      return summarize(this.table.get(def.name)!);
    });
  }

  async create(xml: string): Promise<NetworkSummary> {
    const parsed = parseDefinition(xml);
    assertSafeName(parsed.name);
    checkDefinable(parsed);
    await checkHostdevPool(parsed);
    return this.ctx.mutex.runAll([DEFS_LOCK, parsed.name], async () => {
      const existing = this.table.get(parsed.name);
      if (existing) {
        const how = existing.live ? 'it is already running' : 'start it with vnm net-start';
        throw new VnmError(
          'conflict',
          `network '${parsed.name}' already exists (${how}); choose another name.`,
        );
      }
      checkDefinitionForwards(parsed, this.table);
      const def = await completeDefinition(this.table, parsed);
      await this.ports.dropAll(def.name);
      const status = await startNetwork(def, false, this.ctx);
      this.table.set(newEntry(def, null, status));
      this.emit('started', def.name);
      return summarize(this.table.get(def.name)!);
    });
  }

  start(ref: string): Promise<NetworkSummary> {
    return this.withNetwork(ref, async (e) => {
      if (e.live) throw new VnmError('conflict', `network '${e.name}' is already active.`);
      const def = e.config!;
      await this.ports.dropAll(e.name);
      e.status = await startNetwork(def, true, this.ctx);
      e.live = def;
      e.problem = null;
      e.restarts = [];
      this.emit('started', e.name);
      return summarize(e);
    });
  }

  destroy(ref: string): Promise<{ ok: true }> {
    // Only a transient network leaves the table (a change of which names exist); persistent
    // ones hold just their own lock, so destroys of different networks run at once.
    const transient = !this.table.lookup(ref).config;
    return this.withNetwork(
      ref,
      async (e) => {
        if (!e.live || !e.status) throw new VnmError('conflict', `network '${e.name}' is not active.`);
        const failures = await stopNetwork(e.status, this.ctx);
        await this.ports.dropAll(e.name);
        // The ports' devices outlive the bridge: their shaping goes now, not at the next poll.
        await this.onPortsChanged(e.name, null);
        e.live = null;
        e.status = null;
        e.problem = null;
        if (!e.config) {
          this.table.delete(e.name);
          await removeNetworkFiles(networkFiles(this.ctx.dirs, e.name));
        }
        this.emit('stopped', e.name);
        if (failures.length) {
          throw new VnmError(
            'operation-failed',
            `Network '${e.name}' was stopped, but cleanup failed: ${failures.join('; ')}.`,
          );
        }
        return { ok: true as const };
      },
      transient,
    );
  }

  /**
   * Removes the persistent definition. A running network keeps running as a transient one,
   * as libvirt does: its runtime status says so, so a later destroy (or a restarted vnmd
   * finding it gone) removes what is left of it.
   */
  undefine(ref: string): Promise<{ ok: true }> {
    return this.withNetwork(
      ref,
      async (e) => {
        if (!e.config)
          throw new VnmError(
            'conflict',
            `network '${e.name}' is transient: it has no definition to undefine.`,
          );
        await this.ctx.configStore.remove(e.name);
        e.config = null;
        e.autostart = false;
        if (e.live && e.status) {
          e.status = { ...e.status, persistent: false };
          await this.ctx.statusStore.save(e.status);
        } else {
          await removeNetworkFiles(networkFiles(this.ctx.dirs, e.name));
          this.table.delete(e.name);
        }
        this.emit('undefined', e.name);
        return { ok: true as const };
      },
      true,
    );
  }

  setAutostart(ref: string, autostart: boolean): Promise<NetworkSummary> {
    return this.withNetwork(ref, async (e) => {
      if (!e.config)
        throw new VnmError(
          'conflict',
          `cannot set autostart for transient network '${e.name}'; define it first.`,
        );
      await this.ctx.configStore.setAutostart(e.name, autostart);
      if (e.autostart !== autostart) {
        e.autostart = autostart;
        this.emit('autostart-changed', e.name, autostart ? 'enabled' : 'disabled');
      }
      return summarize(e);
    });
  }

  update(ref: string, params: UpdateParams): Promise<{ ok: true }> {
    return this.withNetwork(ref, async (e) => {
      // Check, apply live (rolled back if it fails), save last: a failure changes nothing.
      const plan = planUpdate(e, params);
      for (const def of [plan.config, plan.live?.def]) if (def) checkDefinable(def);
      const before = e.live;
      if (plan.live) await applyLiveUpdate(e, plan.live.def, plan.live.effect, this.ctx);
      if (plan.config) {
        try {
          await this.ctx.configStore.save(e.name, formatDefinition(plan.config));
        } catch (err) {
          if (plan.live && before) await undoLiveUpdate(e, before, plan.live.effect, this.ctx);
          throw err;
        }
        e.config = plan.config;
      }
      this.emit('updated', e.name, `${params.command} ${params.section}`);
      return { ok: true as const };
    });
  }

  /**
   * Adds a port forward live and/or to the definition (net-update's defaults). Holds the
   * definitions lock too, so two networks cannot claim the same host port at once.
   */
  addForward(ref: string, forward: PortForward, target: ForwardTarget): Promise<{ ok: true }> {
    return this.withNetwork(
      ref,
      async (e) => {
        await commitForwardChange(e, planAddForward(e, forward, target, this.table), this.ctx);
        this.emit('updated', e.name, `add forward ${forward.protocol} ${formatPortRange(forward.hostPort)}`);
        return { ok: true as const };
      },
      true,
    );
  }

  /** Removes the port forward with this protocol, first host port and host address. */
  removeForward(ref: string, key: ForwardKey, target: ForwardTarget): Promise<{ ok: true }> {
    return this.withNetwork(ref, async (e) => {
      await commitForwardChange(e, planRemoveForward(e, key, target), this.ctx);
      this.emit('updated', e.name, `remove forward ${key.protocol} ${key.hostPort}`);
      return { ok: true as const };
    });
  }

  portList(ref: string): NetworkPortSummary[] {
    const e = this.table.lookup(ref);
    runningBridge(e);
    return this.ports.list(e.name).map(summarizePort);
  }

  portCreate(ref: string, xml: string): Promise<{ uuid: string }> {
    return this.withNetwork(ref, async (e) => {
      const port = await createPort(this.ports, e, xml);
      const bridge = runningBridge(e);
      const failed = (await this.onPortsChanged(e.name, bridge)).get(port.uuid);
      if (failed !== undefined) {
        // libvirt fails the plug when tc fails; so does vnm, leaving nothing recorded or applied.
        await this.ports.remove(e.name, port.uuid);
        await this.onPortsChanged(e.name, bridge);
        throw new VnmError(
          'operation-failed',
          `could not apply the port's <bandwidth> to its device (${failed}); the port was not created, and the host is as it was.`,
        );
      }
      return { uuid: port.uuid };
    });
  }

  portGetXml(ref: string, port: string): string {
    const e = this.table.lookup(ref);
    return formatNetworkPortXml(lookupPort(this.ports, e, port));
  }

  portDelete(ref: string, port: string): Promise<{ ok: true }> {
    return this.withNetwork(ref, async (e) => {
      await deletePort(this.ports, e, lookupPort(this.ports, e, port));
      await this.onPortsChanged(e.name, runningBridge(e));
      return { ok: true as const };
    });
  }

  getMetadata(ref: string, r: MetadataRequest): string {
    return readMetadata(this.table.lookup(ref), r);
  }

  setMetadata(ref: string, c: MetadataChange): Promise<{ ok: true }> {
    return this.withNetwork(ref, async (e) => {
      await commitMetadata(e, planMetadata(e, c), this.ctx);
      this.emit('updated', e.name, `metadata ${c.type === 'element' ? c.uri : c.type}`);
      return { ok: true as const };
    });
  }

  /** The definition currently shown for a network (for other parts of vnmd). */
  current(ref: string): NetworkDef {
    return currentDef(this.table.lookup(ref));
  }
}

export function newEntry(
  def: NetworkDef,
  config: NetworkDef | null,
  status: NetworkEntry['status'],
): NetworkEntry {
  return {
    name: def.name,
    uuid: def.uuid!,
    config,
    autostart: false,
    live: status ? def : null,
    status,
    problem: null,
    restarts: [],
  };
}
