/** Read-only views of a network: info with live facts, and its DHCP leases. */
import { readFile } from 'node:fs/promises';
import { parseLeases, toLeaseRows } from '../../../shared/dnsmasq/leases';
import type { Lease, NetworkInfo } from '../../../shared/rpc/contract';
import { bridgePorts } from '../bridge/links';
import { formatCidr, tryParseCidr } from '../../../shared/net/cidr';
import { addressCidrs } from './host-steps';
import type { NetworkEntry } from './table';
import { currentDef, summarize } from './table';
import { isOvnNetwork } from '../../../shared/model/network';
import type { OvnConfig } from '../ovn/config';
import { ovnConfig } from '../ovn/config';
import { networkGuestPorts } from '../ovn/guest-ports';
import { ovnLeases } from '../ovn/leases';

/** OVN's settings for a running network: the northbound database it was started on. */
function runningOvnConfig(e: NetworkEntry): OvnConfig {
  const cfg = ovnConfig();
  return { ...cfg, nbDb: e.status?.created.ovn?.nbDb ?? cfg.nbDb };
}

export async function networkInfo(e: NetworkEntry): Promise<NetworkInfo> {
  const def = currentDef(e);
  const summary = summarize(e);
  const subnets = addressCidrs(def).map(({ cidr }) => {
    const parsed = tryParseCidr(cidr);
    return parsed ? formatCidr(parsed) : cidr;
  });
  let connections = 0;
  if (e.live && isOvnNetwork(e.live)) {
    // The network's guests bound on any chassis: br-int's ports here would count only this host's.
    // An unreachable control plane counts none (as an unreadable brif/ does) rather than failing
    // net-info and net-dumpxml, which need no OVN; net-dhcp-leases and host.ovn say what is wrong.
    const ports = await networkGuestPorts(runningOvnConfig(e), e.uuid).catch(() => []);
    connections = ports.filter((p) => p.up).length;
  } else if (e.live && summary.bridge && e.status?.created.bridge) {
    connections = (await bridgePorts(summary.bridge).catch(() => [])).length;
  }
  return { ...summary, subnets, dnsmasqPid: e.status?.created.dnsmasq?.pid ?? null, connections };
}

export async function networkLeases(e: NetworkEntry, leaseFile: string, mac?: string): Promise<Lease[]> {
  const def = currentDef(e);
  if (isOvnNetwork(def)) return e.live ? ovnLeases(runningOvnConfig(e), def, mac) : [];
  const text = await readFile(leaseFile, 'utf8').catch(() => '');
  const rows = toLeaseRows(def, parseLeases(text, Math.floor(Date.now() / 1000)));
  const wanted = mac?.toLowerCase();
  return wanted ? rows.filter((r) => r.mac === wanted) : rows;
}
