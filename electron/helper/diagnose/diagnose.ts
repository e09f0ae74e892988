/**
 * `network.diagnose`: the checklist of "why has my guest no Internet?", in the order a
 * person would check: vnmd's state of the network, bridge, dnsmasq alive and listening,
 * forwarding, vnm's own rules, other tools' firewall chains, br_netfilter, uplink, subnet
 * shadowing, MTU, then the guest if one is named; an OVN network has its own (ovn-checks.ts).
 * Read-only: it changes nothing.
 */
import { isManagedBridgeKind, isOvnNetwork, networkKind } from '../../../shared/model/network';
import type { DiagnoseCheck, DiagnoseResult, Lease } from '../../../shared/rpc/contract';
import { isAlive } from '../dnsmasq/identity';
import type { NetworkEntry } from '../driver/table';
import { currentDef } from '../driver/table';
import { netFacts } from './facts';
import { firewallChecks } from './firewall-checks';
import { forwardChecks } from './forward-checks';
import { guestChecks } from './guest-checks';
import { ovnChecks } from './ovn-checks';
import { ovnConfig } from '../ovn/config';
import * as host from './host-checks';
import { readHostState, type HostState } from './host-state';

function stateCheck(e: NetworkEntry): DiagnoseCheck {
  const def = currentDef(e);
  // As network.list names it: an OVN network is written as bridge mode, but is not one.
  const kind = isOvnNetwork(def) ? 'OVN' : networkKind(def);
  if (!e.live || !e.status) {
    return {
      id: 'state',
      status: 'fail',
      summary: `Network ${e.name} is not running.`,
      fix: `vnm net-start ${e.name}`,
      details: [],
    };
  }
  const since = new Date(e.status.startedAt).toISOString();
  if (e.problem) {
    return {
      id: 'state',
      status: 'warn',
      summary: `Network ${e.name} runs with a problem: ${e.problem}`,
      fix: null,
      details: [`since ${since}`],
    };
  }
  return {
    id: 'state',
    status: 'ok',
    summary: `Network ${e.name} (${kind}) is active.`,
    fix: null,
    details: [`since ${since}`],
  };
}

/**
 * `hostState`: one read of the host shared by several networks (findings); read here when absent.
 * `askOvn` false leaves an OVN network at its state line (findings: see findings.ts).
 */
export async function diagnoseNetwork(
  e: NetworkEntry,
  leases: () => Promise<Lease[]>,
  guest?: string,
  hostState?: HostState,
  askOvn = true,
): Promise<DiagnoseResult> {
  const state = stateCheck(e);
  const def = currentDef(e);
  if (e.live && e.status && isOvnNetwork(def)) {
    const ovn = askOvn ? await ovnChecks(def, e.status, ovnConfig(), guest) : [];
    return { network: e.name, checks: [state, ...ovn] };
  }
  const bridge = e.status?.bridge;
  if (!e.live || !bridge || !isManagedBridgeKind(networkKind(def))) {
    return { network: e.name, checks: [state] };
  }
  const f = netFacts(e.live, bridge);
  const h = hostState ?? (await readHostState());
  const pid = e.status?.created.dnsmasq?.pid ?? null;
  const alive = pid !== null && (await isAlive(pid));
  const checks: DiagnoseCheck[] = [
    state,
    host.bridgeCheck(f, h),
    host.dnsmasqCheck(f, h, pid, alive),
    host.forwardingCheck(f, h),
    host.vnmRulesCheck(f, h),
    ...firewallChecks(h.ruleset, f, host.uplinkOf(f, h)),
    ...forwardChecks(e.live, f, h, host.uplinkOf(f, h)),
    host.brNetfilterCheck(f, h),
    host.uplinkCheck(f, h),
    host.shadowCheck(f, h),
    host.mtuCheck(f, h),
  ];
  if (guest !== undefined) checks.push(...(await guestChecks(guest, f, await leases())));
  return { network: e.name, checks };
}
