/** One row per guest port of a network: interface, MAC, IP, hostname and live rates. */
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBitRate } from '@/format/format';
import { statsStore } from '@/stores/stats-store';
import { useStatsFrame } from './use-stats-frame';
import { GUESTS_RECEIVED, GUESTS_SENT } from './directions';

export function PortTable({ network }: { readonly network: string }) {
  useStatsFrame();
  const sample = statsStore.latestOf(network);
  if (!sample) return null;
  const ports = sample.ports;
  if (ports.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No guest is attached to this network.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Guest ports">
      <TableHead>
        <TableRow>
          <TableCell>Interface</TableCell>
          <TableCell>MAC</TableCell>
          <TableCell>IP</TableCell>
          <TableCell>Hostname</TableCell>
          <TableCell align="right">{GUESTS_SENT}</TableCell>
          <TableCell align="right">{GUESTS_RECEIVED}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {ports.map((p) => (
          <TableRow key={p.name}>
            <TableCell>{p.name}</TableCell>
            <TableCell>{p.mac ?? '—'}</TableCell>
            <TableCell>{p.ip ?? '—'}</TableCell>
            <TableCell>{p.hostname ?? '—'}</TableCell>
            <TableCell align="right">{formatBitRate(p.rxBytesPerSec)}</TableCell>
            <TableCell align="right">{formatBitRate(p.txBytesPerSec)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
