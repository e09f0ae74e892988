/**
 * A live line chart of a series' receive and send rates, in bits/s with scaled units. Plain
 * SVG rather than a chart library: it redraws every second for every open chart, and a
 * library's component tree cost over 50 ms of main thread per redraw on a slow machine
 * (bench/ui.bench.ts); this costs a few. Lines stretch with the width (non-scaling strokes),
 * labels are HTML so text never stretches.
 */
import { Box, Stack, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { useAppStore } from '@/stores/app-store';
import type { Series } from '@/stores/stats-store';
import { formatBitRate } from '@/format/format';
import { linePath, rateTicks, timeTicks } from './chart-scale';
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

const AXIS_WIDTH = 84;
const AXIS_HEIGHT = 24;
// The plot's own coordinates; the SVG stretches them to its box.
const W = 1000;
const H = 100;

const timeOfDay = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function Waiting({ height }: { readonly height: number }) {
  const statsOff = useAppStore((st) => st.hostInfo?.statsInterval === 0);
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
      <Typography color="textSecondary">
        {statsOff ? 'Statistics are off; turn them on in Preferences.' : 'Waiting for traffic samples…'}
      </Typography>
    </Box>
  );
}

function Legend({ items }: { readonly items: readonly (readonly [string, string])[] }) {
  return (
    <Stack direction="row" spacing={2} sx={{ justifyContent: 'center' }}>
      {items.map(([label, color]) => (
        <Stack key={label} direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 16, height: 3, borderRadius: 1, bgcolor: color }} />
          <Typography variant="caption">{label}</Typography>
        </Stack>
      ))}
    </Stack>
  );
}

export function TrafficChart({ series, rxLabel, txLabel, height = 220, points = 300 }: TrafficChartProps) {
  useStatsFrame();
  const theme = useTheme();
  const s = series();
  if (!s || s.time.length < 2) return <Waiting height={height} />;
  const times = s.time.tail(points);
  const rx = s.rx.tail(points);
  const tx = s.tx.tail(points);
  const from = times[0] ?? 0;
  const to = times.at(-1) ?? from + 1;
  const yTicks = rateTicks(Math.max(...rx, ...tx));
  const top = yTicks.at(-1) ?? 1;
  const xs = times.map((t) => ((t - from) / Math.max(to - from, 1)) * W);
  const ys = (values: readonly number[]) => values.map((v) => H - (v / top) * H);
  const colors = [theme.palette.primary.main, theme.palette.secondary.main] as const;
  const label =
    `${rxLabel} and ${txLabel} rates from ${timeOfDay(from)} to ${timeOfDay(to)}; ` +
    `now ${rxLabel.toLowerCase()} ${formatBitRate(rx.at(-1) ?? 0)}, ${txLabel.toLowerCase()} ${formatBitRate(tx.at(-1) ?? 0)}`;
  const plotHeight = height - AXIS_HEIGHT - 28;
  const caption = { position: 'absolute', color: 'text.secondary', whiteSpace: 'nowrap' } as const;
  return (
    <Stack spacing={1} sx={{ height }}>
      <Legend
        items={[
          [rxLabel, colors[0]],
          [txLabel, colors[1]],
        ]}
      />
      {/* Padding, not margin: Stack resets its children's margins. The axis labels sit in it. */}
      <Box sx={{ pl: `${AXIS_WIDTH}px`, pr: 2 }}>
        <Box sx={{ position: 'relative', height: plotHeight }}>
          {yTicks.map((v) => (
            <Typography
              key={v}
              variant="caption"
              sx={{
                ...caption,
                right: '100%',
                pr: 1,
                top: `${(1 - v / top) * 100}%`,
                transform: 'translateY(-50%)',
              }}
            >
              {formatBitRate(v)}
            </Typography>
          ))}
          <svg
            role="img"
            aria-label={label}
            width="100%"
            height="100%"
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
          >
            {yTicks.map((v) => (
              <line
                key={v}
                x1={0}
                x2={W}
                y1={H - (v / top) * H}
                y2={H - (v / top) * H}
                stroke={theme.palette.divider}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {[ys(rx), ys(tx)].map((y, i) => (
              <path
                key={i}
                d={linePath(xs, y)}
                fill="none"
                stroke={colors[i]}
                strokeWidth={2}
                strokeLinejoin="round"
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </svg>
          {timeTicks(from, to).map((t) => (
            <Typography
              key={t}
              variant="caption"
              sx={{
                ...caption,
                top: '100%',
                pt: 0.5,
                left: `${((t - from) / Math.max(to - from, 1)) * 100}%`,
                transform: 'translateX(-50%)',
              }}
            >
              {timeOfDay(t)}
            </Typography>
          ))}
        </Box>
      </Box>
    </Stack>
  );
}
