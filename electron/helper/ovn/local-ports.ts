/**
 * ovn.localPorts: this chassis's guests of vnm OVN networks, with their interfaces' counters.
 * It needs no definition of the network here: the ports are found by their iface-ids on br-int
 * (chassis-ports.ts) and recognised as vnm's by the tags on their Logical_Switch_Ports, so a
 * window connected to every host of a spanning network can show each host's guests.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OvnLocalPort, OvnLocalPorts } from '../../../shared/rpc/contract';
import { chassisPorts } from './chassis-ports';
import type { OvnConfig } from './config';
import type { OvnGuestPort } from './guest-ports';
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

/** A guest interface of this chassis matched to its vnm logical port. */
interface LocalMatch {
  readonly iface: string;
  readonly lsp: OvnGuestPort;
}

interface Matches {
  readonly host: string;
  readonly matches: readonly LocalMatch[];
}

/** How long a match found stays in use while this namespace's interfaces stay the same. */
export const REUSE_MS = 10_000;

/** This chassis's br-int guests matched to vnm's logical ports: one ovs-vsctl and one ovn-nbctl run. */
export async function findMatches(cfg: OvnConfig): Promise<Matches> {
  const { host, interfaces } = await chassisPorts(cfg);
  const lsps = await guestPortsNamed(
    cfg,
    interfaces.map((i) => i.ifaceId),
  );
  const byName = new Map(lsps.map((l) => [l.port, l]));
  return {
    host,
    matches: interfaces.flatMap((i) => {
      const lsp = byName.get(i.ifaceId);
      return lsp ? [{ iface: i.name, lsp }] : [];
    }),
  };
}

export interface LocalPortsOptions {
  /** The interfaces of vnmd's namespace, as a key that changes when one comes or goes. */
  readonly interfacesKey?: () => string;
  readonly find?: (cfg: OvnConfig) => Promise<Matches>;
  readonly counters?: (iface: string) => Promise<number[] | null>;
  readonly now?: () => number;
}

/**
 * ovn.localPorts for one vnmd. A window connected to several hosts asks every peer once per
 * stats sample (each second), so the match of interfaces to logical ports, which costs two
 * subprocesses, is reused while no interface came or went in vnmd's namespace (a readdir of
 * /sys/class/net), for at most REUSE_MS (an address OVN gave since); counters are read fresh on
 * every call.
 */
export class OvnLocalPortsReader {
  private cached: { key: string; at: number; value: Matches } | null = null;

  constructor(private readonly opts: LocalPortsOptions = {}) {}

  async read(cfg: OvnConfig, networks?: readonly string[]): Promise<OvnLocalPorts> {
    const key = (this.opts.interfacesKey ?? namespaceInterfaces)();
    const now = (this.opts.now ?? Date.now)();
    const c = this.cached;
    let found: Matches;
    if (c !== null && c.key === key && now - c.at < REUSE_MS) {
      found = c.value;
    } else {
      found = await (this.opts.find ?? findMatches)(cfg);
      this.cached = { key, at: now, value: found };
    }
    const wanted = networks ? new Set(networks) : null;
    const time = Date.now();
    const ports: OvnLocalPort[] = [];
    for (const { iface, lsp } of found.matches) {
      if (wanted && !wanted.has(lsp.networkUuid)) continue;
      // An interface outside vnmd's network namespace (a DPDK port) has no counters to show.
      const v = await (this.opts.counters ?? interfaceCounters)(iface);
      if (v) ports.push(localPort(iface, lsp, v));
    }
    return { host: found.host, time, ports };
  }
}

function namespaceInterfaces(): string {
  try {
    return readdirSync('/sys/class/net').sort().join(' ');
  } catch {
    return '';
  }
}

function localPort(iface: string, lsp: OvnGuestPort, c: readonly number[]): OvnLocalPort {
  return {
    networkUuid: lsp.networkUuid,
    network: lsp.network,
    port: lsp.port,
    interface: iface,
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
  };
}
