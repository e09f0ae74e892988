/**
 * net-update on a network: which definitions change (--live, --config, or the current one),
 * and how a running network takes the change without a restart: new hosts files and SIGHUP
 * where dnsmasq rereads them, a new dnsmasq (same leases file) where it cannot. A live change
 * that fails is rolled back: the old files are written again and, if the old dnsmasq was
 * stopped already, it is started again with them, so the network runs as it did.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { dnsmasqNeeded } from '../../../shared/dnsmasq/config';
import { VnmError } from '../../../shared/rpc/errors';
import { validateNetworkDef } from '../../../shared/validation';
import type { DriverContext } from './context';
import type { RunStatus } from '../store/status-store';
import type { DnsmasqRecord } from './dnsmasq-control';
import { networkFiles, writeDnsmasqFiles, writeHostsFiles } from './files';
import type { NetworkEntry } from './table';
import { applyUpdate } from './update';
import type { LiveEffect, UpdateRequest } from './update';
import { findingsError, formatDefinition, parseDefinition } from './xml';

export interface UpdateParams extends UpdateRequest {
  readonly live: boolean;
  readonly config: boolean;
}

export interface UpdatePlan {
  readonly config: NetworkDef | null;
  readonly live: { def: NetworkDef; effect: LiveEffect } | null;
}

/**
 * The updated definition must still be one the codec accepts, as if it were defined anew.
 * It is validated as it is, not only after a round trip through XML: dnsmasq gets this very
 * object, and a round trip could normalise away what makes it unsafe (issue #20).
 */
function recheck(def: NetworkDef): NetworkDef {
  const errors = validateNetworkDef(def);
  if (errors.length > 0) throw findingsError(errors);
  parseDefinition(formatDefinition(def));
  return def;
}

export function planUpdate(e: NetworkEntry, p: UpdateParams): UpdatePlan {
  const current = !p.live && !p.config;
  const live = p.live || (current && e.live !== null);
  const config = p.config || (current && e.live === null);
  if (live && !e.live) {
    throw new VnmError(
      'conflict',
      `network '${e.name}' is not active, so its live state cannot be updated; use --config.`,
    );
  }
  if (config && !e.config) {
    throw new VnmError(
      'conflict',
      `network '${e.name}' is transient and has no persistent config to update; use --live.`,
    );
  }
  const liveResult = live && e.live ? applyUpdate(e.live, p) : null;
  return {
    config: config && e.config ? recheck(applyUpdate(e.config, p).def) : null,
    live: liveResult ? { def: recheck(liveResult.def), effect: liveResult.effect } : null,
  };
}

export async function applyLiveUpdate(
  e: NetworkEntry,
  def: NetworkDef,
  effect: LiveEffect,
  ctx: DriverContext,
): Promise<void> {
  const status = e.status;
  const old = e.live;
  if (!status?.bridge || !old)
    throw new VnmError('internal', `Network '${e.name}' has no runtime status. Please report this as a bug.`);
  let next: RunStatus;
  try {
    const dnsmasq = await changeDnsmasq(e.name, status, def, effect, ctx);
    next = { ...status, liveXml: formatDefinition(def), created: { ...status.created, dnsmasq } };
    await ctx.statusStore.save(next);
  } catch (err) {
    const back = await rollBack(e.name, status, old, ctx);
    e.status = back.status;
    throw liveFailure(e.name, err, back.failure);
  }
  e.status = next;
  e.live = def;
}

/** Takes `def` to the running dnsmasq; returns the dnsmasq record afterwards. */
async function changeDnsmasq(
  name: string,
  status: RunStatus,
  def: NetworkDef,
  effect: LiveEffect,
  ctx: DriverContext,
): Promise<DnsmasqRecord | null> {
  const files = networkFiles(ctx.dirs, name);
  const dnsmasq = status.created.dnsmasq;
  if (dnsmasq && effect === 'sighup') {
    await writeHostsFiles(def, files);
    await ctx.dnsmasq.reload(dnsmasq, name);
    return dnsmasq;
  }
  if (dnsmasqNeeded(def) && status.created.bridge && status.bridge) {
    await writeDnsmasqFiles(def, files, status.bridge);
    if (dnsmasq) await ctx.dnsmasq.stop(dnsmasq, name);
    return ctx.dnsmasq.start(name, files);
  }
  return dnsmasq;
}

/**
 * Puts the old definition's files back and runs dnsmasq with them: a dnsmasq that has them
 * already (the change failed before a restart) rereads its hosts files; any other (the new
 * one, or none when the new one would not start) is replaced by one started on the old
 * files. Returns the runtime status to keep (saved when the pid changed) and, when that
 * failed too, why.
 */
async function rollBack(
  name: string,
  status: RunStatus,
  old: NetworkDef,
  ctx: DriverContext,
): Promise<{ status: RunStatus; failure: string | null }> {
  const record = status.created.dnsmasq;
  if (!status.created.bridge || !status.bridge || !record || !dnsmasqNeeded(old)) {
    return { status, failure: null };
  }
  try {
    const files = networkFiles(ctx.dirs, name);
    await writeDnsmasqFiles(old, files, status.bridge);
    const running = await ctx.dnsmasq.find(record, name);
    if (running === record.pid) {
      await ctx.dnsmasq.reload(record, name);
      return { status, failure: null };
    }
    if (running !== undefined) await ctx.dnsmasq.stop({ ...record, pid: running }, name);
    const next = { ...status, created: { ...status.created, dnsmasq: await ctx.dnsmasq.start(name, files) } };
    await ctx.statusStore.save(next);
    return { status: next, failure: null };
  } catch (err) {
    return { status, failure: err instanceof Error ? err.message : String(err) };
  }
}

function liveFailure(name: string, err: unknown, restoreFailure: string | null): VnmError {
  const why = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
  const kind = err instanceof VnmError && err.kind !== 'internal' ? err.kind : 'operation-failed';
  const after = restoreFailure
    ? `; putting the network back as it was also failed (${restoreFailure})`
    : '; the network runs as it did before, and nothing was saved';
  return new VnmError(kind, `Failed to update network '${name}' live: ${why}${after}.`);
}

/** Takes a live update back (its definition could not be saved); a failure is only logged. */
export async function undoLiveUpdate(
  e: NetworkEntry,
  before: NetworkDef,
  effect: LiveEffect,
  ctx: DriverContext,
): Promise<void> {
  try {
    await applyLiveUpdate(e, before, effect, ctx);
  } catch (err) {
    ctx.log(
      `network ${e.name}: taking back a live update failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
