/** DHCP Leases of one network, refreshed when vnmd says its leases changed. */
import { Fragment, useEffect, useState } from 'react';
import {
  Alert,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { formatExpiry } from '@/format/format';
import { useAppStore } from '@/stores/app-store';

/** Re-renders every few seconds so "in N min" stays true. */
function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** A client ID may be long; it wraps after a colon rather than widen the table. */
function breakAtColons(id: string) {
  const parts = id.split(':');
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          :<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}

export function LeasesTab({ network }: { readonly network: string }) {
  const leases = useAppStore((s) => s.leases[network]);
  const active = useAppStore((s) => s.networks.find((n) => n.name === network)?.active ?? false);
  const loadLeases = useAppStore((s) => s.loadLeases);
  const now = useNow();
  useEffect(() => {
    if (active) void loadLeases(network);
  }, [network, active, loadLeases]);

  if (!active) return <Alert severity="info">Network {network} is not running, so it gives no leases.</Alert>;
  if (!leases) return <Typography color="text.secondary">Reading leases…</Typography>;
  if (leases.length === 0) {
    return <Typography color="text.secondary">No guest holds a lease on this network.</Typography>;
  }
  // `contain: inline-size` keeps the table's width out of the layout around it (which would
  // otherwise widen the panel past the window); a table wider than the panel scrolls inside it.
  return (
    <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" aria-label="DHCP leases">
        <TableHead>
          <TableRow>
            <TableCell>Expiry</TableCell>
            <TableCell>MAC address</TableCell>
            <TableCell>Protocol</TableCell>
            <TableCell>IP address</TableCell>
            <TableCell>Hostname</TableCell>
            <TableCell>Client ID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {leases.map((l) => (
            <TableRow key={`${l.ip}-${l.mac ?? l.clientId ?? ''}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatExpiry(l.expiry, now)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.mac ?? '—'}</TableCell>
              <TableCell>{l.protocol === 'ipv4' ? 'IPv4' : 'IPv6'}</TableCell>
              <TableCell>{l.ipPrefix}</TableCell>
              <TableCell>{l.hostname ?? '—'}</TableCell>
              <TableCell>{l.clientId ? breakAtColons(l.clientId) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
