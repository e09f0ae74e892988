/**
 * DHCP Leases of one network, refreshed when vnmd says its leases changed. An OVN network's
 * leases name the host each guest runs on: they get a Host column.
 */
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
import type { Lease } from '@shared/rpc/contract';
import { useAppStore } from '@/stores/app-store';

/**
 * Below this width of the table's own box (the window below ~1100 px), Protocol and Client ID
 * leave their columns for a detail line under the IP address, so nothing is squeezed, clipped
 * or wrapped mid-row. A container query: the list beside the table takes part of the window.
 */
const NARROW = '@container leases (max-width: 820px)';
const WIDE_ONLY = { [NARROW]: { display: 'none' } } as const;
const NARROW_ONLY = { display: 'none', [NARROW]: { display: 'block' } } as const;

const protocolLabel = (l: Lease) => (l.protocol === 'ipv4' ? 'IPv4' : 'IPv6');

/** The detail line a narrow table shows under the IP address: protocol and client ID. */
export function leaseDetail(l: Lease): string {
  return l.clientId ? `${protocolLabel(l)} · client ID ${l.clientId}` : protocolLabel(l);
}

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
  if (!leases) return <Typography color="textSecondary">Reading leases…</Typography>;
  if (leases.length === 0) {
    return <Typography color="textSecondary">No guest holds a lease on this network.</Typography>;
  }
  const hosts = leases.some((l) => l.host !== undefined);
  // `contain: inline-size` keeps the table's width out of the layout around it (which would
  // otherwise widen the panel past the window); a table wider than the panel scrolls inside it.
  return (
    <TableContainer
      sx={{
        overflowX: 'auto',
        contain: 'inline-size',
        containerType: 'inline-size',
        containerName: 'leases',
      }}
    >
      <Table size="small" aria-label="DHCP leases">
        <TableHead>
          <TableRow>
            <TableCell>Expiry</TableCell>
            <TableCell>MAC address</TableCell>
            <TableCell sx={WIDE_ONLY}>Protocol</TableCell>
            <TableCell>IP address</TableCell>
            <TableCell>Hostname</TableCell>
            {hosts ? <TableCell>Host</TableCell> : null}
            <TableCell sx={WIDE_ONLY}>Client ID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {leases.map((l) => (
            <TableRow key={`${l.ip}-${l.mac ?? l.clientId ?? ''}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatExpiry(l.expiry, now)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.mac ?? '—'}</TableCell>
              <TableCell sx={WIDE_ONLY}>{protocolLabel(l)}</TableCell>
              <TableCell>
                <span style={{ whiteSpace: 'nowrap' }}>{l.ipPrefix}</span>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  sx={{ ...NARROW_ONLY, overflowWrap: 'anywhere' }}
                >
                  {breakAtColons(leaseDetail(l))}
                </Typography>
              </TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{l.hostname ?? '—'}</TableCell>
              {hosts ? <TableCell sx={{ overflowWrap: 'anywhere' }}>{l.host ?? '—'}</TableCell> : null}
              <TableCell sx={WIDE_ONLY}>{l.clientId ? breakAtColons(l.clientId) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
