/**
 * Stopping a network: its firewall rules (one nft transaction), its dnsmasq (identity-checked),
 * the bridge vnmd created and the ifb device of its traffic shaping go at once, as nothing of one depends on the others. Each runs
 * even if another failed, so one stuck piece does not keep the rest alive; failures are
 * returned. The runtime status says 'stopping' before anything goes and is removed last, so
 * a vnmd killed meanwhile finds the network again and finishes the destroy (reconcile.ts),
 * instead of adopting a network that lost part of itself (its rules, say).
 */
import { deleteLink, getLink } from '../bridge/links';
import { linkNames } from '../bridge/proc-net';
import type { Firewall } from '../firewall';
import type { IpBatch } from '../bridge/ip-batch';
import { removeDockerAccepts } from '../coexist/docker-user';
import type { RunStatus, StatusStore } from '../store/status-store';
import type { DnsmasqControl } from './dnsmasq-control';
import type { DaemonDirs } from './files';
import { networkFiles } from './files';
import { possibleIfb } from '../shaping/shaping';
import { ovnConfig } from '../ovn/config';
import { stopOvnNetwork } from '../ovn/lifecycle';

export interface StopDeps {
  readonly dirs: DaemonDirs;
  readonly statusStore: StatusStore;
  readonly dnsmasq: DnsmasqControl;
  readonly firewall: Firewall;
  readonly ip: IpBatch;
}

/**
 * `thorough` is for a half-started network whose status records intent rather than fact:
 * everything the start could have made is looked for and removed if it is there.
 */
export async function stopNetwork(status: RunStatus, deps: StopDeps, thorough = false): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    try {
      await fn();
    } catch (err) {
      failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (process.env.VNMD_TRACE) {
      process.stderr.write(
        `vnmd: trace ${status.name} stop: ${what} ${(performance.now() - t0).toFixed(1)} ms\n`,
      );
    }
  };
  const { created, name, bridge } = status;
  const files = networkFiles(deps.dirs, name);
  // A half-started network keeps 'starting': its cleanup must stay thorough.
  if (status.phase === 'running') {
    await attempt('marking the network as stopping', () =>
      deps.statusStore.save({ ...status, phase: 'stopping' }),
    );
  }
  const steps: Promise<void>[] = [];
  if (created.firewall || (thorough && bridge)) {
    steps.push(attempt('removing the firewall rules', () => deps.firewall.removeNetworkRules(name)));
    steps.push(attempt('removing the Docker accept rules', () => removeDockerAccepts(name)));
  }
  if (created.dnsmasq || (thorough && bridge)) {
    const record = created.dnsmasq ?? { pidFile: files.pidFile, configFile: files.configFile, pid: 0 };
    steps.push(attempt('stopping dnsmasq', () => deps.dnsmasq.stop(record, name)));
  }
  if (bridge && (created.bridge || thorough)) {
    steps.push(
      attempt(`deleting bridge ${bridge}`, async () => {
        if ((await linkNames()).has(bridge)) await deleteLink(deps.ip, bridge);
      }),
    );
  }
  // The bridge's qdiscs go with the bridge; the ifb carrying outbound traffic must go apart.
  const ifb = created.ifb ?? (thorough && bridge ? possibleIfb(bridge) : null);
  if (ifb) {
    steps.push(
      attempt(`deleting the ifb device ${ifb}`, async () => {
        // A name only derived for a half-started network is deleted only if it is an ifb.
        const there = created.ifb ? (await linkNames()).has(ifb) : (await getLink(ifb))?.kind === 'ifb';
        if (there) await deleteLink(deps.ip, ifb);
      }),
    );
  }
  if (created.ovn) {
    steps.push(attempt('removing the OVN northbound objects', () => stopOvnNetwork(status, ovnConfig())));
  }
  await Promise.all(steps);
  await attempt('removing the runtime status', () => deps.statusStore.remove(name));
  return failures;
}
