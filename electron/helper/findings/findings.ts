/**
 * `host.findings`: what the Overview says once for the host, and each running network's
 * worst checklist line for its problem line in the list and Details. One host read serves
 * every network, so the cost is one ruleset read, not one per network.
 */
import type { DiagnoseCheck, Findings, NetworkProblem } from '../../../shared/rpc/contract';
import { diagnoseNetwork } from '../diagnose/diagnose';
import { forwards, netFacts } from '../diagnose/facts';
import { readHostState } from '../diagnose/host-state';
import type { NetworkDriver } from '../driver/driver';
import type { NetworkEntry } from '../driver/table';
import { hostFindings } from './host-findings';

/** The first failing line, else the first warning; null when every line is ok. */
export function worstLine(network: string, checks: readonly DiagnoseCheck[]): NetworkProblem | null {
  const failed = checks.filter((c) => c.status === 'fail');
  const worst = failed[0] ?? checks.find((c) => c.status === 'warn');
  if (!worst || worst.status === 'ok') return null;
  return { network, status: worst.status, check: worst.id, summary: worst.summary, failed: failed.length };
}

function forwardsIpv6(e: NetworkEntry): boolean {
  if (!e.live || !e.status?.bridge) return false;
  const f = netFacts(e.live, e.status.bridge);
  return forwards(f) && f.subnets.some((s) => s.family === 6);
}

export async function readFindings(driver: NetworkDriver): Promise<Findings> {
  const checkedAt = Date.now();
  const h = await readHostState();
  const running = driver.ctx.table.all().filter((e) => e.live);
  const host = hostFindings(h, { ipv6Forwarding: running.some(forwardsIpv6) });
  const networks: NetworkProblem[] = [];
  for (const e of running) {
    // An OVN network's checklist asks OVN's databases (seconds when central is down) and changes
    // with no event of vnmd's (a guest plugged on another host, central back), so a line of it
    // in the list would go stale: its Diagnose reads it fresh instead.
    const result = await diagnoseNetwork(e, () => driver.leases(e.name), undefined, h, false);
    const line = worstLine(e.name, result.checks);
    if (line) networks.push(line);
  }
  return { host, networks, checkedAt };
}
