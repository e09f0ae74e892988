/** One row per guest port of a network: interface, MAC, IP, hostname and live rates. */
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
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
    // As the leases table: its width stays out of the panel's layout; a rate never breaks.
    <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" aria-label="Guest ports" sx={{ '& .MuiTableCell-root': { px: 1 } }}>
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
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {formatBitRate(p.rxBytesPerSec)}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {formatBitRate(p.txBytesPerSec)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
