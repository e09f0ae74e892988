import { api } from '@/api/vnm-api';
import type { LeasesSlice, Slice } from './types';

export const createLeasesSlice: Slice<LeasesSlice> = (set, get) => ({
  leases: {},
  loadLeases: async (network) => {
    try {
      const list = await api().listLeases({ network });
      set((s) => ({
        leases: { ...s.leases, [network]: [...list].sort((a, b) => a.ip.localeCompare(b.ip)) },
      }));
    } catch (err) {
      get().showError(`Could not read the DHCP leases of network ${network}`, err);
    }
  },
});
