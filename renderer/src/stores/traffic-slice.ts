/**
 * Reads vnmd's traffic history of a network into the stats store (stats-store.ts), so the
 * chart starts full instead of empty; the live samples arrive as events.
 */
import { api } from '@/api/vnm-api';
import { statsStore } from './stats-store';
import type { Slice, TrafficSlice } from './types';

export const createTrafficSlice: Slice<TrafficSlice> = (_set, get) => ({
  loadTrafficHistory: async (network) => {
    try {
      const samples = await api().statsHistory({ network, seconds: 600 });
      // Stopped meanwhile: its rates were forgotten and must stay so.
      if (get().networks.find((n) => n.name === network)?.active) statsStore.loadHistory(network, samples);
    } catch (err) {
      get().showError(`Could not read the traffic history of ${network}`, err);
    }
  },
});
