/** A live line chart of a series' receive and send rates, in bits/s with scaled units. */
import { Box, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { LineChart } from '@mui/x-charts/LineChart';
import { useAppStore } from '../../stores/app-store';
import type { Series } from '../../stores/stats-store';
import { formatBitRate } from '../../lib/format';
import { useStatsFrame } from './use-stats-frame';

export interface TrafficChartProps {
  /** Looked up on every frame, since a network's series appears with its first sample. */
  readonly series: () => Series | undefined;
  readonly rxLabel: string;
  readonly txLabel: string;
  readonly height?: number;
  /** How many newest points to draw. */
  readonly points?: number;
}

const timeOfDay = (d: Date) =>
  d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function TrafficChart({ series, rxLabel, txLabel, height = 220, points = 300 }: TrafficChartProps) {
  useStatsFrame();
  const theme = useTheme();
  const statsOff = useAppStore((st) => st.hostInfo?.statsInterval === 0);
  const s = series();
  if (!s || s.time.length < 2) {
    return (
      <Box
        sx={{
          height,
          display: 'grid',
          placeItems: 'center',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
        }}
      >
        <Typography color="text.secondary">
          {statsOff ? 'Statistics are off; turn them on in Preferences.' : 'Waiting for traffic samples…'}
        </Typography>
      </Box>
    );
  }
  const times = s.time.tail(points).map((t) => new Date(t));
  return (
    <LineChart
      height={height}
      skipAnimation
      disableLineItemHighlight
      grid={{ horizontal: true }}
      xAxis={[{ data: times, scaleType: 'time', valueFormatter: timeOfDay, tickNumber: 5 }]}
      yAxis={[{ min: 0, width: 84, valueFormatter: (v: number | null) => formatBitRate(v ?? 0) }]}
      series={[
        {
          id: 'rx',
          label: rxLabel,
          data: s.rx.tail(points),
          showMark: false,
          curve: 'linear',
          color: theme.palette.primary.main,
          valueFormatter: (v) => formatBitRate(v ?? 0),
        },
        {
          id: 'tx',
          label: txLabel,
          data: s.tx.tail(points),
          showMark: false,
          curve: 'linear',
          color: theme.palette.secondary.main,
          valueFormatter: (v) => formatBitRate(v ?? 0),
        },
      ]}
      margin={{ right: 16 }}
    />
  );
}
