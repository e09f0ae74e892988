import type { NetworkSummary } from '@shared/rpc/contract';
import { VnmError } from '@shared/rpc/errors';
import { byName } from '@shared/first-view/rows';
import { api } from '@/api/vnm-api';
import { takeNetworkList } from '@/api/early-calls';
import { statsStore } from './stats-store';
import type { NetworksSlice, Slice } from './types';

/*
 * Actions do not fetch again after they change a network: vnmd's lifecycle event for the
 * change (ours or anyone's) is the one refresh path, through networkChanged.
 */
export const createNetworksSlice: Slice<NetworksSlice> = (set, get) => {
  const upsert = (summary: NetworkSummary) =>
    set((s) => ({ networks: [...s.networks.filter((n) => n.name !== summary.name), summary].sort(byName) }));
  const remove = (name: string) =>
    set((s) => {
      const infos = { ...s.infos };
      delete infos[name];
      return { networks: s.networks.filter((n) => n.name !== name), infos };
    });
  const withBusy = async (name: string, title: string, work: () => Promise<void>) => {
    set((s) => ({ busy: { ...s.busy, [name]: true } }));
    try {
      await work();
    } catch (err) {
      get().showError(title, err);
    } finally {
      set((s) => {
        const busy = { ...s.busy };
        delete busy[name];
        return { busy };
      });
    }
  };

  return {
    networks: [],
    infos: {},
    networksLoaded: false,
    versions: {},
    busy: {},
    networkChanged: (name) => {
      set((s) => ({ versions: { ...s.versions, [name]: (s.versions[name] ?? 0) + 1 } }));
      return get().refreshNetwork(name);
    },
    loadNetworks: async () => {
      try {
        const list = await takeNetworkList(() => api().listNetworks({ filter: 'all' }));
        // A full reload follows missed events: every view may be stale.
        set((s) => ({
          networks: [...list].sort(byName),
          networksLoaded: true,
          versions: Object.fromEntries(list.map((n) => [n.name, (s.versions[n.name] ?? 0) + 1])),
        }));
        const selected = get().selected;
        if (selected && !list.some((n) => n.name === selected))
          get().navigate({ kind: 'select', network: null });
        if (!get().selected && list[0]) get().navigate({ kind: 'select', network: list[0].name });
      } catch (err) {
        get().showError('Could not list the virtual networks', err);
      }
    },
    refreshNetwork: async (name) => {
      try {
        const info = await api().networkInfo({ network: name });
        const { subnets: _s, dnsmasqPid: _d, connections: _c, ...summary } = info;
        upsert(summary);
        set((s) => ({ infos: { ...s.infos, [name]: info } }));
      } catch (err) {
        if (err instanceof VnmError && err.kind === 'not-found') {
          remove(name);
          statsStore.forget(name);
          if (get().selected === name)
            get().navigate({ kind: 'select', network: get().networks[0]?.name ?? null });
        } else {
          get().showError(`Could not read network ${name}`, err);
        }
      }
    },
    startNetwork: (name) =>
      withBusy(name, `Could not start network ${name}`, async () => {
        upsert(await api().startNetwork({ network: name }));
        get().confirm(`Network ${name} started.`);
      }),
    stopNetwork: (name) =>
      withBusy(name, `Could not stop network ${name}`, async () => {
        await api().stopNetwork({ network: name });
        statsStore.forget(name);
        get().confirm(`Network ${name} stopped.`);
      }),
    deleteNetwork: (name) =>
      withBusy(name, `Could not delete network ${name}`, async () => {
        await api().undefineNetwork({ network: name });
        get().confirm(`Network ${name} deleted.`);
      }),
    defineXml: async (xml) => {
      const summary = await api().defineNetwork({ xml });
      upsert(summary);
      return summary.name;
    },
  };
};
