/**
 * Output of `vnm net-stats`: the JSON line scripts rely on (issue 4 fixes its keys and their
 * order) and the table a person reads, with rates in bit/s and totals in bytes.
 */
import { formatBitRate, formatBytes } from '../../shared/format/units';
import type { Counters, PortCounters, StatsSample } from '../../shared/rpc/contract';
import { formatTable } from './table';

/** The counters in the documented key order, whatever order the sample arrived in. */
function countersJson(c: Counters): Counters {
  return {
    name: c.name,
    rxBytes: c.rxBytes,
    txBytes: c.txBytes,
    rxPackets: c.rxPackets,
    txPackets: c.txPackets,
    rxErrors: c.rxErrors,
    txErrors: c.txErrors,
    rxDropped: c.rxDropped,
    txDropped: c.txDropped,
    rxBytesPerSec: c.rxBytesPerSec,
    txBytesPerSec: c.txBytesPerSec,
  };
}

function portJson(p: PortCounters): PortCounters {
  return { ...countersJson(p), mac: p.mac, ip: p.ip, hostname: p.hostname };
}

/** One sample as one line of JSON (with its newline), keys in the documented order. */
export function formatSampleJson(s: StatsSample): string {
  const ordered: StatsSample = {
    network: s.network,
    time: s.time,
    interval: s.interval,
    bridge: countersJson(s.bridge),
    ports: s.ports.map(portJson),
    total: countersJson(s.total),
  };
  return `${JSON.stringify(ordered)}\n`;
}

export { formatBitRate, formatBytes };

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local wall-clock time of a sample, HH:MM:SS. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Said once, before the first table: what rx and tx mean on each row. */
export const STATS_LEGEND =
  "rx/tx as each interface counts them: a guest's port receives what its guest sends; " +
  'the bridge row is traffic to and from the host; total sums the ports.\n';

const HEADER = ['Interface', 'MAC', 'IP', 'Hostname', 'RX rate', 'TX rate', 'RX total', 'TX total'];

function row(c: Counters, who: readonly [string, string, string]): string[] {
  const rates = [formatBitRate(c.rxBytesPerSec), formatBitRate(c.txBytesPerSec)];
  return [c.name, ...who, ...rates, formatBytes(c.rxBytes), formatBytes(c.txBytes)];
}

/** One sample as a titled table: the bridge, each port (by name), then the total. */
export function formatSampleTable(s: StatsSample): string {
  const ports = [...s.ports].sort((a, b) => a.name.localeCompare(b.name));
  const rows = [
    row(s.bridge, ['-', '-', '-']),
    ...ports.map((p) => row(p, [p.mac ?? '-', p.ip ?? '-', p.hostname ?? '-'])),
    row(s.total, ['', '', '']),
  ];
  const title = `network ${s.network} at ${formatClock(s.time)}, every ${s.interval} s\n`;
  return `${title}${formatTable(HEADER, rows)}\n`;
}
