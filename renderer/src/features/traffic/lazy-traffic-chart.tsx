/** The traffic chart, loaded when first shown: the charts library is not needed to paint the window. */
import { lazy, Suspense } from 'react';
import { Skeleton } from '@mui/material';
import type { TrafficChartProps } from './traffic-chart';

const TrafficChart = lazy(() => import('./traffic-chart').then((m) => ({ default: m.TrafficChart })));

export function LazyTrafficChart(props: TrafficChartProps) {
  return (
    <Suspense fallback={<Skeleton variant="rectangular" height={props.height ?? 220} />}>
      <TrafficChart {...props} />
    </Suspense>
  );
}
