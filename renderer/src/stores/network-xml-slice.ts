/**
 * The networks' XML, fetched by store actions rather than components: a view asks for a
 * network's XML and gets it fetched once per version of that network (bumped by vnmd's
 * events), however many times it renders. While vnmd is away it keeps the last XML it had.
 */
import { VnmError } from '@shared/rpc/errors';
import { api } from '@/api/vnm-api';
import type { NetworkXmlSlice, Slice, XmlEntry } from './types';

/** The live XML and the stored (inactive) definition are kept apart. */
export const xmlKey = (network: string, inactive: boolean) =>
  `${network}\u0000${inactive ? 'inactive' : 'live'}`;

export const createNetworkXmlSlice: Slice<NetworkXmlSlice> = (set, get) => {
  /** Fetches in flight, by key, with the version each asked for: one at a time per version. */
  const inFlight = new Map<string, number>();
  const store = (key: string, entry: XmlEntry) => set((s) => ({ xmls: { ...s.xmls, [key]: entry } }));

  return {
    xmls: {},
    loadNetworkXml: async (network, inactive) => {
      const key = xmlKey(network, inactive);
      const version = get().versions[network] ?? 0;
      const have = get().xmls[key];
      if (have && have.version === version && have.error === null) return;
      if (inFlight.get(key) === version) return;
      inFlight.set(key, version);
      try {
        const { xml } = await api().getNetworkXml({ network, inactive });
        store(key, { xml, error: null, version });
      } catch (error) {
        // A lost connection keeps the last XML; the banner says vnmd is away.
        if (!(error instanceof VnmError && error.kind === 'connection'))
          store(key, { xml: null, error, version });
      } finally {
        if (inFlight.get(key) === version) inFlight.delete(key);
      }
    },
    readStoredXml: async (network) => (await api().getNetworkXml({ network, inactive: true })).xml,
  };
};
