/**
 * Re-renders a component when live stats change, at most once per animation frame, so
 * a burst of samples costs one redraw.
 */
import { useEffect, useState } from 'react';
import { statsStore } from '@/stores/stats-store';

export function useStatsFrame(): number {
  const [version, setVersion] = useState(() => statsStore.getVersion());
  useEffect(() => {
    let frame = 0;
    const off = statsStore.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion(statsStore.getVersion());
      });
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
  return version;
}
