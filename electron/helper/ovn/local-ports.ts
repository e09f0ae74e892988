/**
 * ovn.localPorts: this chassis's guests of vnm OVN networks, with their interfaces' counters.
 * It needs no definition of the network here: the ports are found by their iface-ids on br-int
 * (chassis-ports.ts) and recognised as vnm's by the tags on their Logical_Switch_Ports, so a
 * window connected to every host of a spanning network can show each host's guests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OvnLocalPort, OvnLocalPorts } from '../../../shared/rpc/contract';
import { chassisPorts } from './chassis-ports';
import type { OvnConfig } from './config';
import { guestPortsNamed } from './guest-ports';

const FILES = [
  'rx_bytes',
  'tx_bytes',
  'rx_packets',
  'tx_packets',
  'rx_errors',
  'tx_errors',
  'rx_dropped',
  'tx_dropped',
] as const;

/** The interface's counters from sysfs (rx: what the guest sent), or null when it is not in vnmd's namespace. */
export async function interfaceCounters(name: string, sysNet = '/sys/class/net'): Promise<number[] | null> {
  if (name.includes('/') || name === '.' || name === '..') return null;
  try {
    const dir = join(sysNet, name, 'statistics');
    return await Promise.all(FILES.map(async (f) => Number((await readFile(join(dir, f), 'utf8')).trim())));
  } catch {
    return null;
  }
}

export async function ovnLocalPorts(cfg: OvnConfig, networks?: readonly string[]): Promise<OvnLocalPorts> {
  const { host, interfaces } = await chassisPorts(cfg);
  const lsps = await guestPortsNamed(
    cfg,
    interfaces.map((i) => i.ifaceId),
  );
  const wanted = networks ? new Set(networks) : null;
  const byName = new Map(lsps.filter((l) => !wanted || wanted.has(l.networkUuid)).map((l) => [l.port, l]));
  const time = Date.now();
  const ports: OvnLocalPort[] = [];
  for (const iface of interfaces) {
    const lsp = byName.get(iface.ifaceId);
    if (!lsp) continue;
    // An interface outside vnmd's network namespace (a DPDK port) has no counters to show.
    const c = await interfaceCounters(iface.name);
    if (!c) continue;
    ports.push({
      networkUuid: lsp.networkUuid,
      network: lsp.network,
      port: lsp.port,
      interface: iface.name,
      mac: lsp.mac,
      ip: lsp.ip,
      rxBytes: c[0]!,
      txBytes: c[1]!,
      rxPackets: c[2]!,
      txPackets: c[3]!,
      rxErrors: c[4]!,
      txErrors: c[5]!,
      rxDropped: c[6]!,
      txDropped: c[7]!,
    });
  }
  return { host, time, ports };
}
