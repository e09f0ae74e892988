/**
 * `host.findings`: what the Overview says once for the host, and each running network's
 * worst checklist line for its problem line in the list and Details. One host read serves
 * every network, so the cost is one ruleset read, not one per network.
 */
import type { DiagnoseCheck, Findings, NetworkProblem } from '../../../shared/rpc/contract';
import { diagnoseNetwork } from '../diagnose/diagnose';
import type { NetworkDriver } from '../driver/driver';
import { hostFindings } from './host-findings';
import { readHostState } from '../diagnose/host-state';

/** The first failing line, else the first warning; null when every line is ok. */
export function worstLine(network: string, checks: readonly DiagnoseCheck[]): NetworkProblem | null {
  const failed = checks.filter((c) => c.status === 'fail');
  const worst = failed[0] ?? checks.find((c) => c.status === 'warn');
  if (!worst || worst.status === 'ok') return null;
  return { network, status: worst.status, check: worst.id, summary: worst.summary, failed: failed.length };
}

export async function readFindings(driver: NetworkDriver): Promise<Findings> {
  const checkedAt = Date.now();
  const host = hostFindings(await readHostState()).map((f) => ({ ...f, status: 'fail' as const }));
  const networks: NetworkProblem[] = [];
  for (const e of driver.ctx.table.all()) {
    if (!e.live) continue;
    const result = await diagnoseNetwork(e, () => driver.leases(e.name));
    const line = worstLine(e.name, result.checks);
    if (line) networks.push(line);
  }
  return { host, networks, checkedAt };
}
