/**
 * `network.applyFix`: vnmd re-runs the network's checklist, takes its OWN plan for the named
 * line (an argument array it built, or a dnsmasq restart; never anything the client sent),
 * applies it, and returns the line as it stands afterwards. A line without a plan is refused
 * with what to do by hand. This is the only way vnm changes another tool's table, and only
 * because the user confirmed it (the CLI's --fix after y/--yes, the window's Apply).
 */
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { shellLine } from '../diagnose/argv';
import { diagnoseNetwork } from '../diagnose/diagnose';
import { FIX_PROGRAMS, planOf, type FixPlan } from '../diagnose/fix-plan';
import type { NetworkDriver } from '../driver/driver';
import type { DriverContext } from '../driver/context';
import { networkFiles } from '../driver/files';
import type { NetworkEntry } from '../driver/table';
import { run } from '../exec';

async function lineOf(driver: NetworkDriver, e: NetworkEntry, check: string): Promise<DiagnoseCheck | null> {
  const { checks } = await diagnoseNetwork(e, () => driver.leases(e.name));
  return checks.find((c) => c.id === check) ?? null;
}

async function checkIds(driver: NetworkDriver, e: NetworkEntry): Promise<string> {
  const { checks } = await diagnoseNetwork(e, () => driver.leases(e.name));
  return checks.map((c) => c.id).join(', ');
}

/** The line to fix, or an error that says why there is nothing vnmd will apply. */
async function fixable(driver: NetworkDriver, e: NetworkEntry, check: string) {
  const line = await lineOf(driver, e, check);
  if (!line) {
    throw new VnmError(
      'invalid-argument',
      `network '${e.name}' has no check '${check}'; its checks are: ${await checkIds(driver, e)} (see vnm net-diagnose ${e.name}).`,
    );
  }
  if (line.status === 'ok') {
    throw new VnmError(
      'conflict',
      `check '${check}' of network '${e.name}' passes: there is nothing to fix.`,
    );
  }
  const plan = planOf(line);
  if (!plan) {
    const byHand = line.fix
      ? `run it by hand if it is right for this host: ${line.fix}`
      : 'it names no command: read the line and its details (vnm net-diagnose ' +
        e.name +
        ') and fix it by hand';
    throw new VnmError('unsupported', `vnmd does not apply the fix for '${check}' itself; ${byHand}.`);
  }
  return { line, plan };
}

async function runCommands(plan: Extract<FixPlan, { kind: 'run' }>): Promise<void> {
  const done: string[] = [];
  for (const argv of plan.commands) {
    // A plan is built by vnmd's checks alone; this is the last guard that it runs only the
    // tools #13 allows, should a future check get it wrong.
    if (!FIX_PROGRAMS.has(argv[0])) {
      throw new VnmError('internal', `vnmd refused to run ${argv[0]} as a fix; please report this as a bug.`);
    }
    try {
      await run(argv[0], argv.slice(1));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const before = done.length > 0 ? ` (already applied: ${done.join(' && ')})` : '';
      throw new VnmError(
        'operation-failed',
        `applying the fix failed: ${why}${before}; run vnm net-diagnose to see where it stands.`,
      );
    }
    done.push(shellLine([argv]));
  }
}

/** Restarts a dead dnsmasq now, as the watchdog would (which may have given up for a minute). */
async function restartDnsmasq(ctx: DriverContext, e: NetworkEntry): Promise<void> {
  const record = e.status?.created.dnsmasq;
  if (!e.status || !record) throw new VnmError('conflict', `network '${e.name}' runs no dnsmasq to restart.`);
  if ((await ctx.dnsmasq.find(record, e.name)) === record.pid) return;
  const started = await ctx.dnsmasq.start(e.name, networkFiles(ctx.dirs, e.name));
  e.status = { ...e.status, created: { ...e.status.created, dnsmasq: started } };
  // A restart the user asked for starts the watchdog's count afresh.
  e.restarts = [];
  e.problem = null;
  ctx.bus.publish({
    type: 'lifecycle',
    event: 'dnsmasq-restarted',
    network: e.name,
    detail: `pid ${started.pid}`,
  });
  ctx.log(`restarted dnsmasq of network ${e.name} (pid ${started.pid}) on request`);
  await ctx.statusStore.save(e.status);
}

export async function applyFix(driver: NetworkDriver, ref: string, check: string): Promise<DiagnoseCheck> {
  const name = driver.ctx.table.lookup(ref).name;
  // Under the network's lock: a destroy cannot pull the bridge away between check and fix.
  return driver.ctx.mutex.run(name, async () => {
    const e = driver.ctx.table.lookup(name);
    if (!e.live)
      throw new VnmError(
        'conflict',
        `network '${name}' is not running; start it first (vnm net-start ${name}).`,
      );
    const { plan } = await fixable(driver, e, check);
    if (plan.kind === 'run') await runCommands(plan);
    else await restartDnsmasq(driver.ctx, e);
    const after = await lineOf(driver, e, check);
    if (!after)
      throw new VnmError('internal', `check '${check}' vanished after its fix; please report this as a bug.`);
    return after;
  });
}
