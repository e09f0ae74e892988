/**
 * Port forwards changed on a network (issue #14), live and/or in its stored definition as
 * net-update does: checked first against every network vnm knows (nothing changes on refusal),
 * then the live rules (only this forward's chain and map elements, so other forwards'
 * connections keep flowing), then the runtime status (so a restarted vnmd adopts them), and
 * the stored definition last; a later step that fails takes the earlier ones back.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { ForwardProtocol, PortForward } from '../../../shared/model/port-forward';
import { formatPortRange, sameForwardKey } from '../../../shared/model/port-forward';
import { canonicalIp } from '../../../shared/net/ip';
import { VnmError } from '../../../shared/rpc/errors';
import type { OtherNetwork } from '../../../shared/validation/port-forward';
import { definitionForwardProblems, forwardProblems } from '../../../shared/validation/port-forward';
import type { DriverContext } from './context';
import { firewallPlan } from './host-steps';
import type { NetworkEntry, NetworkTable } from './table';
import { formatDefinition } from './xml';

export interface ForwardTarget {
  readonly live: boolean;
  readonly config: boolean;
}

export interface ForwardKey {
  readonly protocol: ForwardProtocol;
  readonly hostPort: number;
  readonly hostAddress?: string;
}

/** Every definition (live and stored) of the networks other than `name`. */
export function otherNetworks(table: NetworkTable, name: string): OtherNetwork[] {
  return table
    .all()
    .filter((e) => e.name !== name)
    .flatMap((e) => [e.live, e.config].filter((d): d is NetworkDef => d !== null));
}

/** Which definitions change: as net-update, neither flag means the current one. */
function targets(e: NetworkEntry, t: ForwardTarget): { live: boolean; config: boolean } {
  const current = !t.live && !t.config;
  const live = t.live || (current && e.live !== null);
  const config = t.config || (current && e.live === null);
  if (live && !e.live) {
    throw new VnmError(
      'conflict',
      `network '${e.name}' is not active, so its live port forwards cannot be changed; use --config.`,
    );
  }
  if (config && !e.config) {
    throw new VnmError(
      'conflict',
      `network '${e.name}' is transient and has no persistent config to change; use --live.`,
    );
  }
  return { live, config };
}

function refuse(name: string, problems: readonly { message: string }[]): VnmError {
  const list = problems.map((p) => p.message).join(' ');
  return new VnmError('invalid-argument', `Cannot add this port forward to network '${name}': ${list}`);
}

/** Refuses a definition (net-define, net-create, net-edit) whose forwards fail the rules. */
export function checkDefinitionForwards(def: NetworkDef, table: NetworkTable): void {
  const found = definitionForwardProblems(def, otherNetworks(table, def.name));
  if (found.length === 0) return;
  const list = found.map((f) => `forward ${f.index + 1}: ${f.problem.message}`).join(' ');
  throw new VnmError('invalid-argument', `Network '${def.name}' has port forwards vnm cannot apply: ${list}`);
}

function withForwards(def: NetworkDef, forwards: readonly PortForward[]): NetworkDef {
  const { forwards: _old, ...rest } = def;
  return forwards.length > 0 ? { ...rest, forwards } : rest;
}

function canonicalKey(key: ForwardKey): ForwardKey {
  return key.hostAddress === undefined ? key : { ...key, hostAddress: canonicalIp(key.hostAddress) };
}

function matches(f: PortForward, key: ForwardKey): boolean {
  const host = f.hostAddress === undefined ? undefined : canonicalIp(f.hostAddress);
  return sameForwardKey({ ...f, hostAddress: host }, key);
}

function describeKey(key: ForwardKey): string {
  return `${key.protocol} ${key.hostAddress ? `${key.hostAddress}:` : ''}${key.hostPort}`;
}

/** The definitions after adding `forward`, or the reason it is refused. */
export function planAddForward(
  e: NetworkEntry,
  forward: PortForward,
  t: ForwardTarget,
  table: NetworkTable,
): { live: NetworkDef | null; config: NetworkDef | null } {
  const which = targets(e, t);
  const others = otherNetworks(table, e.name);
  const next = (def: NetworkDef): NetworkDef => {
    const problems = forwardProblems(forward, def, others);
    if (problems.length > 0) throw refuse(e.name, problems);
    return withForwards(def, [...(def.forwards ?? []), forward]);
  };
  return {
    live: which.live && e.live ? next(e.live) : null,
    config: which.config && e.config ? next(e.config) : null,
  };
}

/** The definitions after removing the forward `key` names, or why there is none. */
export function planRemoveForward(
  e: NetworkEntry,
  rawKey: ForwardKey,
  t: ForwardTarget,
): { live: NetworkDef | null; config: NetworkDef | null } {
  const which = targets(e, t);
  const key = canonicalKey(rawKey);
  const next = (def: NetworkDef, where: string): NetworkDef => {
    const all = def.forwards ?? [];
    const kept = all.filter((f) => !matches(f, key));
    if (kept.length === all.length) {
      const have = all.map(
        (f) => `${f.protocol} ${f.hostAddress ? `${f.hostAddress}:` : ''}${formatPortRange(f.hostPort)}`,
      );
      throw new VnmError(
        'not-found',
        `network '${e.name}' has no ${where} port forward ${describeKey(key)}; ${have.length > 0 ? `it has: ${have.join(', ')}` : 'it has none'} (see vnm net-forward-list ${e.name}).`,
      );
    }
    return withForwards(def, kept);
  };
  return {
    live: which.live && e.live ? next(e.live, 'live') : null,
    config: which.config && e.config ? next(e.config, 'stored') : null,
  };
}

/** Puts `def` (the same network with other forwards) live: rules, then the runtime status. */
async function applyLive(e: NetworkEntry, def: NetworkDef, ctx: DriverContext): Promise<void> {
  const status = e.status;
  const old = e.live;
  if (!status?.bridge || !old)
    throw new VnmError('internal', `Network '${e.name}' has no runtime status. Please report this as a bug.`);
  const plan = status.created.firewall ? firewallPlan(def, status.bridge) : null;
  if (plan) await ctx.firewall.applyForwardRules(plan);
  const next = { ...status, liveXml: formatDefinition(def) };
  try {
    await ctx.statusStore.save(next);
  } catch (err) {
    const back = status.created.firewall ? firewallPlan(old, status.bridge) : null;
    if (back)
      await ctx.firewall
        .applyForwardRules(back)
        .catch((undo: unknown) => ctx.log(`network ${e.name}: ${String(undo)}`));
    throw err;
  }
  e.status = next;
  e.live = def;
}

/** Applies a planned change: live first, the stored definition last, undoing live if that fails. */
export async function commitForwardChange(
  e: NetworkEntry,
  plan: { live: NetworkDef | null; config: NetworkDef | null },
  ctx: DriverContext,
): Promise<void> {
  const before = e.live;
  if (plan.live) await applyLive(e, plan.live, ctx);
  if (!plan.config) return;
  try {
    await ctx.configStore.save(e.name, formatDefinition(plan.config));
  } catch (err) {
    if (plan.live && before) {
      await applyLive(e, before, ctx).catch((undo: unknown) =>
        ctx.log(`network ${e.name}: taking back a live forward change failed: ${String(undo)}`),
      );
    }
    throw err;
  }
  e.config = plan.config;
}
