/**
 * A tiny trend line of a network's total rate for the list; plain SVG, because two
 * hundred chart components in a list would cost more than they show.
 */
import { Box } from '@mui/material';
import { SPARKLINE_HEIGHT, SPARKLINE_WIDTH } from '@shared/first-view/rows';
import { statsStore } from '@/stores/stats-store';
import { useStatsFrame } from './use-stats-frame';

const WIDTH = SPARKLINE_WIDTH;
const HEIGHT = SPARKLINE_HEIGHT;
const POINTS = 40;

export function sparklinePath(values: readonly number[], width = WIDTH, height = HEIGHT): string {
  if (values.length < 2) return '';
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  return values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`,
    )
    .join(' ');
}

export function Sparkline({ network }: { readonly network: string }) {
  useStatsFrame();
  const s = statsStore.seriesOf(network);
  const rx = s?.rx.tail(POINTS) ?? [];
  const tx = s?.tx.tail(POINTS) ?? [];
  const total = rx.map((v, i) => v + (tx[i] ?? 0));
  return (
    <Box
      component="svg"
      width={WIDTH}
      height={HEIGHT}
      aria-hidden
      sx={{ color: 'primary.main', flexShrink: 0 }}
    >
      <path d={sparklinePath(total)} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </Box>
  );
}
