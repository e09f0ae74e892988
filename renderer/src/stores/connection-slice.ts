import { api } from '@/api/vnm-api';
import type { ConnectionSlice, Slice } from './types';

export const createConnectionSlice: Slice<ConnectionSlice> = (set, get) => ({
  connection: { state: 'connecting', uri: '' },
  connectionKnown: false,
  appInfo: null,
  hostInfo: null,
  interfaces: [],
  setConnection: (status) => set({ connection: status, connectionKnown: true }),
  loadHost: async () => {
    try {
      set({ hostInfo: await api().hostInfo({}) });
    } catch (err) {
      get().showError('Could not read the host facts', err);
    }
  },
  loadInterfaces: async () => {
    try {
      const list = await api().hostInterfaces({});
      set({ interfaces: [...list].sort((a, b) => a.name.localeCompare(b.name)) });
    } catch (err) {
      get().showError('Could not list the host interfaces', err);
    }
  },
});
