/** The Traffic sub-tab: live chart with vnmd's history, totals, and one row per guest port. */
import { useEffect } from 'react';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { formatBitRate, formatBytes } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { statsStore } from '@/stores/stats-store';
import { PortTable } from './port-table';
import { LazyTrafficChart as TrafficChart } from './lazy-traffic-chart';
import { useStatsFrame } from './use-stats-frame';
import { StatsOffNotice } from './stats-off-notice';
import { GUESTS_POINT_OF_VIEW, GUESTS_RECEIVED, GUESTS_SENT } from './directions';

export const TRAFFIC_EXPLANATION =
  'Bridge: traffic between the guests and the host (NAT or routed traffic, DHCP, DNS). ' +
  'Ports: each guest’s own traffic, guest-to-guest included; the network’s total is the sum over its ports.';

/**
 * An OVN network has no bridge of its own (br-int carries every OVN network and the tunnels),
 * so there is no bridge line: each host's vnmd counts the guests plugged in on that host.
 */
export const OVN_TRAFFIC_EXPLANATION =
  'Each guest’s own traffic, counted by the host it runs on (the Host column), guest-to-guest ' +
  'included; the network’s total is the sum over the guests of the hosts this window is connected to.';

function Totals({ network, ovn }: { readonly network: string; readonly ovn: boolean }) {
  useStatsFrame();
  const sample = statsStore.latestOf(network);
  if (!sample) return null;
  const rows = ovn
    ? ([['Network total (guests)', sample.total]] as const)
    : ([
        ['Network total (ports)', sample.total],
        ['Bridge (to and from the host)', sample.bridge],
      ] as const);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 2 }}>
      {rows.map(([label, c]) => (
        <Box key={label}>
          <Typography variant="subtitle2">{label}</Typography>
          <Typography variant="body2">
            {GUESTS_SENT} {formatBytes(c.rxBytes)} ({formatBitRate(c.rxBytesPerSec)}) · {GUESTS_RECEIVED}{' '}
            {formatBytes(c.txBytes)} ({formatBitRate(c.txBytesPerSec)})
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

export function TrafficTab({ network }: { readonly network: string }) {
  const active = useAppStore((s) => s.networks.find((n) => n.name === network)?.active ?? false);
  const ovn = useAppStore((s) => s.networks.find((n) => n.name === network)?.kind === 'ovn');
  const loadHistory = useAppStore((s) => s.loadTrafficHistory);
  const loadLeases = useAppStore((s) => s.loadLeases);
  useEffect(() => {
    if (active) void loadHistory(network);
  }, [network, active, loadHistory]);
  // An OVN network's leases name the host of each guest: the port table says which hosts'
  // guests it cannot count. Once loaded, vnmd's lease events keep them current (event-router).
  useEffect(() => {
    if (active && ovn) void loadLeases(network);
  }, [network, active, ovn, loadLeases]);

  if (!active) {
    return (
      <Alert severity="info">
        Network {network} is not running, so it has no traffic. Start it to see traffic.
      </Alert>
    );
  }
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="textSecondary">
        {ovn ? OVN_TRAFFIC_EXPLANATION : TRAFFIC_EXPLANATION} {GUESTS_POINT_OF_VIEW}
      </Typography>
      <StatsOffNotice />
      <TrafficChart
        series={() => statsStore.seriesOf(network)}
        rxLabel={GUESTS_SENT}
        txLabel={GUESTS_RECEIVED}
      />
      <Totals network={network} ovn={ovn} />
      <PortTable network={network} />
    </Stack>
  );
}
