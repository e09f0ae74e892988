/**
 * The host's interfaces. Live rates come from vnmd's traffic samples, which cover the
 * bridges of running networks and their guest ports; other interfaces show a dash.
 */
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { Counters } from '@shared/rpc/contract';
import { formatBitRate } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { statsStore } from '@/stores/stats-store';
import { useStatsFrame } from '@/features/traffic/use-stats-frame';
import { HOST_RECEIVED, HOST_SENT } from '@/features/traffic/directions';

export function countersByInterface(): Map<string, Counters> {
  const map = new Map<string, Counters>();
  for (const s of statsStore.latestAll()) {
    map.set(s.bridge.name, s.bridge);
    for (const p of s.ports) map.set(p.name, p);
  }
  return map;
}

export function HostInterfacesTab() {
  useStatsFrame();
  const interfaces = useAppStore((s) => s.interfaces);
  const rates = countersByInterface();
  return (
    <Box sx={{ flex: 1, overflow: 'auto', p: 1.5 }}>
      <Paper variant="outlined">
        <Table size="small" aria-label="Host interfaces" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>MAC address</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Addresses</TableCell>
              <TableCell align="right">MTU</TableCell>
              <TableCell>Bridge</TableCell>
              <TableCell align="right">{HOST_RECEIVED}</TableCell>
              <TableCell align="right">{HOST_SENT}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {interfaces.map((i) => {
              const c = rates.get(i.name);
              return (
                <TableRow key={i.name} sx={{ color: i.state === 'down' ? 'text.secondary' : 'text.primary' }}>
                  <TableCell sx={{ color: 'inherit', fontWeight: 500 }}>{i.name}</TableCell>
                  <TableCell sx={{ color: 'inherit' }}>{i.type}</TableCell>
                  <TableCell sx={{ color: 'inherit' }}>{i.mac ?? '—'}</TableCell>
                  <TableCell sx={{ color: 'inherit' }}>{i.state}</TableCell>
                  <TableCell sx={{ color: 'inherit' }}>{i.addresses.join(', ') || '—'}</TableCell>
                  <TableCell sx={{ color: 'inherit' }} align="right">
                    {i.mtu}
                  </TableCell>
                  <TableCell sx={{ color: 'inherit' }}>{i.master ?? '—'}</TableCell>
                  <TableCell sx={{ color: 'inherit' }} align="right">
                    {c ? formatBitRate(c.rxBytesPerSec) : '—'}
                  </TableCell>
                  <TableCell sx={{ color: 'inherit' }} align="right">
                    {c ? formatBitRate(c.txBytesPerSec) : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Paper>
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 1 }}>
        Rates are shown for the bridges of running networks and their guest ports, which vnmd samples.
      </Typography>
    </Box>
  );
}
