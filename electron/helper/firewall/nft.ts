/**
 * Applies and removes network firewalls in nft transactions (nft-session.ts): nft applies
 * a transaction whole or not at all, so a failure leaves the ruleset as it was. Every change
 * goes through one queue: changes asked for while nft runs are applied together in the next
 * transaction (each on its own again if that one fails, so a bad network cannot fail
 * another's start). The queue knows what vnm has in nft (read from the kernel once, then
 * kept up to date), so a transaction never needs nft to list the ruleset first. Only what
 * vnm made is ever removed; the ruleset is never flushed.
 */
import { VnmError } from '../../../shared/rpc/errors';
import { crashPoint } from '../crash-point';
import { run, runJson } from '../exec';
import { nftTransaction } from './nft-session';
import { buildNetworkRules } from './rules';
import type { FirewallPlan } from './plan';
import type { FirewallOp, FirewallState, NftJson } from './state';
import { parseState, planOps, stateText } from './state';
import { TABLE_FAMILY, VNM_TABLE, networkKey, networkOfKey } from './table-name';

/** Runs an nft script as one transaction; `what` says what it was for in the error. */
export async function applyNftScript(script: string, what: string): Promise<void> {
  try {
    await run('nft', ['-f', '-'], { input: script, timeoutMs: 20_000 });
  } catch (e) {
    if (!(e instanceof VnmError)) throw e;
    const reason = (e.details ?? e.message).split('\n').find((l) => l.includes('Error')) ?? e.message;
    throw new VnmError(
      'operation-failed',
      `nft refused ${what}, nothing was changed: ${reason.trim()}`,
      `${e.details ?? ''}\n--- script ---\n${script}`,
    );
  }
}

async function listState(): Promise<FirewallState> {
  const tables = await runJson<NftJson | null>('nft', ['-j', 'list', 'tables', TABLE_FAMILY]);
  const state = parseState(tables, null);
  if (!state.table) return state;
  const vnm = await runJson<NftJson | null>('nft', ['-j', 'list', 'table', TABLE_FAMILY, VNM_TABLE]);
  return parseState(tables, vnm);
}

interface Pending {
  readonly op: FirewallOp;
  readonly what: string;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

let known: FirewallState | null = null;
/** Counts changes to `known`, so a listing older than a change never replaces it. */
let commits = 0;
let pending: Pending[] = [];
let draining = false;

/** Runs statements as one transaction in vnmd's long-lived nft, saying what they were for. */
async function transaction(statements: readonly string[], what: string): Promise<void> {
  try {
    await nftTransaction(statements);
    crashPoint(`nft ${what}`);
  } catch (e) {
    if (!(e instanceof VnmError)) throw e;
    const reason = e.message.replace(/^nft failed: (Error: )?/, '');
    throw new VnmError(
      'operation-failed',
      `nft refused ${what}, nothing was changed: ${reason}`,
      `${e.details ?? ''}\n--- script ---\n${statements.join('\n')}`,
    );
  }
}

/** Runs `ops` against the known state, in as few transactions as nft allows (usually one). */
async function commit(ops: readonly FirewallOp[], what: string): Promise<void> {
  known ??= await listState();
  for (let rest = ops; rest.length > 0;) {
    const { lines, next, count } = planOps(known, rest);
    if (lines.length > 0) await transaction(lines, what);
    known = next;
    commits++;
    rest = rest.slice(count);
  }
}

/**
 * One change on its own. When nft refuses it, the ruleset is read again: if it was not what
 * vnmd thought (someone changed it behind vnmd's back), the change is planned again once.
 */
async function commitOne(p: Pending): Promise<void> {
  try {
    await commit([p.op], p.what);
  } catch (err) {
    const before = known;
    known = await listState().catch(() => null);
    if (!known || !before || stateText(known) === stateText(before)) throw err;
    await commit([p.op], p.what);
  }
}

async function runBatch(batch: readonly Pending[]): Promise<void> {
  if (batch.length > 1) {
    const ok = await commit(
      batch.map((p) => p.op),
      `the firewall rules of ${batch.length} networks`,
    ).then(
      () => true,
      () => false,
    );
    if (ok) return batch.forEach((p) => p.resolve());
  }
  for (const p of batch) await commitOne(p).then(p.resolve, p.reject);
}

async function drain(): Promise<void> {
  try {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await runBatch(batch);
    }
  } finally {
    // Cleared in the same turn as the last empty check, so no change is ever left waiting.
    draining = false;
  }
}

function submit(op: FirewallOp, what: string): Promise<void> {
  const done = new Promise<void>((resolve, reject) => pending.push({ op, what, resolve, reject }));
  if (!draining) {
    draining = true;
    void drain();
  }
  return done;
}

/** Installs (or replaces) the network's rules. Open networks get none: a no-op. */
export async function applyNetworkRules(plan: FirewallPlan): Promise<void> {
  const rules = buildNetworkRules(plan);
  if (!rules) return;
  await submit({ kind: 'apply', rules }, `the firewall rules of network '${plan.network}'`);
}

/**
 * Changes a running network's port forwards to those of `plan`: only the chains and map
 * elements of forwards that come or go are touched, in one transaction (script.ts).
 */
export async function applyForwardRules(plan: FirewallPlan): Promise<void> {
  const rules = buildNetworkRules(plan);
  if (!rules) return;
  await submit({ kind: 'forwards', rules }, `the port forwards of network '${plan.network}'`);
}

/** Removes all the network's rules in one transaction; does nothing when there are none. */
export async function removeNetworkRules(network: string): Promise<void> {
  await submit({ kind: 'remove', network }, `to remove the firewall rules of network '${network}'`);
}

/**
 * What vnm has in nft right now, read from the kernel. With no change under way it also
 * becomes what the queue knows, so tables made behind vnmd's back are seen again.
 */
export async function readFirewallState(): Promise<FirewallState> {
  const before = commits;
  const state = await listState();
  if (!draining && commits === before) known = state;
  return state;
}

/** The networks that have rules in nft now (null: a long name vnm stores only hashed). */
export async function listFirewallNetworks(): Promise<{ key: string; network: string | null }[]> {
  const state = await readFirewallState();
  return [...state.networks.keys()].map((key) => ({ key, network: networkOfKey(key) }));
}

/** Whether `network` has rules installed. */
export async function hasNetworkRules(network: string): Promise<boolean> {
  return (await readFirewallState()).networks.has(networkKey(network));
}
