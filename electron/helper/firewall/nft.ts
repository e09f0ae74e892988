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
import { NftSession } from './nft-session';
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

/**
 * One vnmd's firewall: its nft session, the queue of changes and what vnm has in nft. Each
 * driver owns one (DriverContext.firewall), so two drivers in one process share nothing.
 */
export class Firewall {
  private readonly nft = new NftSession();
  private known: FirewallState | null = null;
  /** Counts changes to `known`, so a listing older than a change never replaces it. */
  private commits = 0;
  private pending: Pending[] = [];
  private draining = false;

  /** Installs (or replaces) the network's rules. Open networks get none: a no-op. */
  async applyNetworkRules(plan: FirewallPlan): Promise<void> {
    const rules = buildNetworkRules(plan);
    if (!rules) return;
    await this.submit({ kind: 'apply', rules }, `the firewall rules of network '${plan.network}'`);
  }

  /**
   * Changes a running network's port forwards to those of `plan`: only the chains and map
   * elements of forwards that come or go are touched, in one transaction (script.ts).
   */
  async applyForwardRules(plan: FirewallPlan): Promise<void> {
    const rules = buildNetworkRules(plan);
    if (!rules) return;
    await this.submit({ kind: 'forwards', rules }, `the port forwards of network '${plan.network}'`);
  }

  /** Removes all the network's rules in one transaction; does nothing when there are none. */
  async removeNetworkRules(network: string): Promise<void> {
    await this.submit({ kind: 'remove', network }, `to remove the firewall rules of network '${network}'`);
  }

  /**
   * What vnm has in nft right now, read from the kernel. With no change under way it also
   * becomes what the queue knows, so tables made behind vnmd's back are seen again.
   */
  async readFirewallState(): Promise<FirewallState> {
    const before = this.commits;
    const state = await listState();
    if (!this.draining && this.commits === before) this.known = state;
    return state;
  }

  /** The networks that have rules in nft now (null: a long name vnm stores only hashed). */
  async listFirewallNetworks(): Promise<{ key: string; network: string | null }[]> {
    const state = await this.readFirewallState();
    return [...state.networks.keys()].map((key) => ({ key, network: networkOfKey(key) }));
  }

  /** Whether `network` has rules installed. */
  async hasNetworkRules(network: string): Promise<boolean> {
    return (await this.readFirewallState()).networks.has(networkKey(network));
  }

  /** Runs statements as one transaction in the long-lived nft, saying what they were for. */
  private async transaction(statements: readonly string[], what: string): Promise<void> {
    try {
      await this.nft.transaction(statements);
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
  private async commit(ops: readonly FirewallOp[], what: string): Promise<void> {
    let known = (this.known ??= await listState());
    for (let rest = ops; rest.length > 0;) {
      const { lines, next, count } = planOps(known, rest);
      if (lines.length > 0) await this.transaction(lines, what);
      this.known = known = next;
      this.commits++;
      rest = rest.slice(count);
    }
  }

  /**
   * One change on its own. When nft refuses it, the ruleset is read again: if it was not what
   * vnmd thought (someone changed it behind vnmd's back), the change is planned again once.
   */
  private async commitOne(p: Pending): Promise<void> {
    try {
      await this.commit([p.op], p.what);
    } catch (err) {
      const before = this.known;
      this.known = await listState().catch(() => null);
      if (!this.known || !before || stateText(this.known) === stateText(before)) throw err;
      await this.commit([p.op], p.what);
    }
  }

  private async runBatch(batch: readonly Pending[]): Promise<void> {
    if (batch.length > 1) {
      const ok = await this.commit(
        batch.map((p) => p.op),
        `the firewall rules of ${batch.length} networks`,
      ).then(
        () => true,
        () => false,
      );
      if (ok) return batch.forEach((p) => p.resolve());
    }
    for (const p of batch) await this.commitOne(p).then(p.resolve, p.reject);
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.runBatch(batch);
      }
    } finally {
      // Cleared in the same turn as the last empty check, so no change is ever left waiting.
      this.draining = false;
    }
  }

  private submit(op: FirewallOp, what: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.pending.push({ op, what, resolve, reject }));
    if (!this.draining) {
      this.draining = true;
      void this.drain();
    }
    return done;
  }
}
