/**
 * One row per guest port of a network: interface, MAC, IP, hostname, the host that counts it
 * (OVN networks span hosts) and live rates. Under it, an OVN network's guests that hold a
 * lease on a host whose counters the window does not have, with the host to connect to.
 */
import {
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useShallow } from 'zustand/react/shallow';
import type { Lease, PortCounters } from '@shared/rpc/contract';
import { formatBitRate } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { useConnections } from '@/features/connections/connections-store';
import { statsStore } from '@/stores/stats-store';
import { useStatsFrame } from './use-stats-frame';
import { GUESTS_RECEIVED, GUESTS_SENT } from './directions';
import { uncountedByHost, uncountedText } from './uncounted-guests';

const NO_LEASES: readonly Lease[] = [];

function UncountedGuests({
  network,
  ports,
}: {
  readonly network: string;
  readonly ports: readonly PortCounters[];
}) {
  const leases = useAppStore((s) => s.leases[network] ?? NO_LEASES);
  const localHost = useAppStore((s) => s.hostInfo?.hostname);
  const connected = useConnections(
    useShallow((s) => s.connections.filter((c) => c.status.state === 'connected').map((c) => c.name)),
  );
  const hosts = uncountedByHost(leases, ports, localHost, connected);
  if (hosts.length === 0) return null;
  return (
    <Stack spacing={0.5} aria-label="Guests counted on other hosts" role="list">
      {hosts.map((h) => (
        <Typography key={h.host} role="listitem" variant="body2" color="textSecondary">
          {uncountedText(h)}
        </Typography>
      ))}
    </Stack>
  );
}

function PortRows({ ports }: { readonly ports: readonly PortCounters[] }) {
  // The Host column only where some port has one: a bridge network's ports are all this host's.
  const hosts = ports.some((p) => p.host !== undefined);
  // OVN's DHCP keeps no guest's name: an OVN network's table leaves out a column of dashes.
  const names = !hosts || ports.some((p) => p.hostname !== null);
  return (
    // As the leases table: its width stays out of the panel's layout; a rate never breaks.
    <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" aria-label="Guest ports" sx={{ '& .MuiTableCell-root': { px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell>Interface</TableCell>
            <TableCell>MAC</TableCell>
            <TableCell>IP</TableCell>
            {names ? <TableCell>Hostname</TableCell> : null}
            {hosts ? <TableCell>Host</TableCell> : null}
            <TableCell align="right">{GUESTS_SENT}</TableCell>
            <TableCell align="right">{GUESTS_RECEIVED}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ports.map((p) => (
            // Two hosts may each have a port of the same name (tap0): the host keeps keys apart.
            <TableRow key={`${p.host ?? ''}/${p.name}`}>
              <TableCell>{p.name}</TableCell>
              <TableCell>{p.mac ?? '—'}</TableCell>
              <TableCell>{p.ip ?? '—'}</TableCell>
              {names ? <TableCell>{p.hostname ?? '—'}</TableCell> : null}
              {hosts ? <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.host ?? '—'}</TableCell> : null}
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

export function PortTable({ network }: { readonly network: string }) {
  useStatsFrame();
  const ovn = useAppStore((s) => s.networks.find((n) => n.name === network)?.kind === 'ovn');
  const sample = statsStore.latestOf(network);
  if (!sample) return null;
  const ports = sample.ports;
  return (
    <Stack spacing={1.5}>
      {ports.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {ovn
            ? 'No guest of this network is counted by the hosts this window is connected to.'
            : 'No guest is attached to this network.'}
        </Typography>
      ) : (
        <PortRows ports={ports} />
      )}
      {ovn ? <UncountedGuests network={network} ports={ports} /> : null}
    </Stack>
  );
}
