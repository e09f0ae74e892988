import { api } from '../lib/api';
import { editNetworkXml, readNetworkXml } from '../lib/network-xml';
import type { DetailsDraft, Navigation, SelectionSlice, Slice } from './types';

/** Checks a draft before anything is sent; the message says what to change. */
export function draftProblem(draft: DetailsDraft): string | null {
  const mtu = draft.mtu.trim();
  if (mtu && !(/^\d+$/.test(mtu) && Number(mtu) >= 68 && Number(mtu) <= 65535)) {
    return 'MTU must be a whole number from 68 to 65535, or empty for the default.';
  }
  const domain = draft.domain.trim();
  if (
    domain &&
    !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(domain)
  ) {
    return 'Domain must be a DNS name: letters, digits, hyphens and dots, such as example.lan.';
  }
  return null;
}

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => {
  const go = (nav: Navigation) => {
    switch (nav.kind) {
      case 'tab':
        return set({ tab: nav.tab });
      case 'select':
        return set({ selected: nav.network });
      case 'subtab':
        return set({ subTab: nav.subTab });
    }
  };

  return {
    tab: 'networks',
    selected: null,
    subTab: 'details',
    draft: null,
    pendingNavigation: null,
    navigate: (nav) => {
      if (get().draft) set({ pendingNavigation: nav });
      else go(nav);
    },
    setDraft: (draft) => set({ draft }),
    resolvePending: async (choice) => {
      const nav = get().pendingNavigation;
      set({ pendingNavigation: null });
      if (choice === 'cancel' || !nav) return;
      if (choice === 'apply' && !(await get().applyDraft())) return;
      set({ draft: null });
      go(nav);
    },
    applyDraft: async () => {
      const draft = get().draft;
      if (!draft) return true;
      const problem = draftProblem(draft);
      if (problem) {
        get().showError('The changes cannot be applied', { kind: 'invalid-argument', message: problem });
        return false;
      }
      try {
        await applyToNetwork(draft, get().networks.find((n) => n.name === draft.network)?.autostart);
        set({ draft: null });
        await get().refreshNetwork(draft.network);
        return true;
      } catch (err) {
        get().showError(`Could not apply the changes to network ${draft.network}`, err);
        return false;
      }
    },
  };
};

async function applyToNetwork(draft: DetailsDraft, autostart: boolean | undefined): Promise<void> {
  const { xml } = await api().getNetworkXml({ network: draft.network, inactive: true });
  const facts = readNetworkXml(xml);
  const mtuNow = facts.mtu === null ? '' : String(facts.mtu);
  if ((facts.domain ?? '') !== draft.domain.trim() || mtuNow !== draft.mtu.trim()) {
    await api().defineNetwork({ xml: editNetworkXml(xml, draft) });
  }
  if (autostart !== draft.autostart) {
    await api().setAutostart({ network: draft.network, autostart: draft.autostart });
  }
}
