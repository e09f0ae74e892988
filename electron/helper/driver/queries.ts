/** Read-only views of a network: info with live facts, and its DHCP leases. */
import { readFile } from 'node:fs/promises';
import { parseLeases, toLeaseRows } from '../../../shared/dnsmasq/leases';
import type { Lease, NetworkInfo } from '../../../shared/rpc/contract';
import { bridgePorts } from '../bridge/links';
import { formatCidr, tryParseCidr } from '../../../shared/net/cidr';
import { addressCidrs } from './host-steps';
import type { NetworkEntry } from './table';
import { currentDef, summarize } from './table';

export async function networkInfo(e: NetworkEntry): Promise<NetworkInfo> {
  const def = currentDef(e);
  const summary = summarize(e);
  const subnets = addressCidrs(def).map(({ cidr }) => {
    const parsed = tryParseCidr(cidr);
    return parsed ? formatCidr(parsed) : cidr;
  });
  let connections = 0;
  if (e.live && summary.bridge && e.status?.created.bridge) {
    connections = (await bridgePorts(summary.bridge).catch(() => [])).length;
  }
  return { ...summary, subnets, dnsmasqPid: e.status?.created.dnsmasq?.pid ?? null, connections };
}

export async function networkLeases(e: NetworkEntry, leaseFile: string, mac?: string): Promise<Lease[]> {
  const def = currentDef(e);
  const text = await readFile(leaseFile, 'utf8').catch(() => '');
  const rows = toLeaseRows(def, parseLeases(text, Math.floor(Date.now() / 1000)));
  const wanted = mac?.toLowerCase();
  return wanted ? rows.filter((r) => r.mac === wanted) : rows;
}
