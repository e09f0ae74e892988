/**
 * net-update on a network: which definitions change (--live, --config, or the current one),
 * and how a running network takes the change without a restart: new hosts files and SIGHUP
 * where dnsmasq rereads them, a new dnsmasq (same leases file) where it cannot.
 */
import type { NetworkDef } from '../../../shared/model/network';
import { dnsmasqNeeded } from '../../../shared/dnsmasq/config';
import { VnmError } from '../../../shared/rpc/errors';
import { validateNetworkDef } from '../../../shared/validation';
import type { DriverContext } from './context';
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
  if (!status?.bridge)
    throw new VnmError('internal', `Network '${e.name}' has no runtime status. Please report this as a bug.`);
  const files = networkFiles(ctx.dirs, e.name);
  let dnsmasq = status.created.dnsmasq;
  if (dnsmasq && effect === 'sighup') {
    await writeHostsFiles(def, files);
    await ctx.dnsmasq.reload(dnsmasq, e.name);
  } else if (dnsmasqNeeded(def) && status.created.bridge) {
    await writeDnsmasqFiles(def, files, status.bridge);
    if (dnsmasq) await ctx.dnsmasq.stop(dnsmasq, e.name);
    dnsmasq = await ctx.dnsmasq.start(e.name, files);
  }
  const next = { ...status, liveXml: formatDefinition(def), created: { ...status.created, dnsmasq } };
  await ctx.statusStore.save(next);
  e.status = next;
  e.live = def;
}
