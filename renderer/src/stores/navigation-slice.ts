import { VnmError } from '../../../shared/rpc/errors';
import { formatNetworkXml, parseNetworkXml } from '../../../shared/xml';
import { api } from '../lib/api';
import { applyDraftToDef } from '../lib/details-draft';
import { draftProblems } from '../lib/details-problems';
import type { DetailsDraft, Navigation, SelectionSlice, Slice } from './types';

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
      try {
        await applyToNetwork(draft, get().networks.find((n) => n.name === draft.network)?.autostart);
        set({ draft: null });
        return true;
      } catch (err) {
        get().showError(`Could not apply the changes to network ${draft.network}`, err);
        return false;
      }
    },
  };
};

/**
 * Redefines the network from its stored (inactive) definition with the draft's values in
 * place, when they change it, then sets autostart. Throws a VnmError a person can read when
 * the draft is wrong for the definition as it is now (it may have changed meanwhile).
 */
async function applyToNetwork(draft: DetailsDraft, autostart: boolean | undefined): Promise<void> {
  const { xml } = await api().getNetworkXml({ network: draft.network, inactive: true });
  const parsed = parseNetworkXml(xml);
  if (!parsed.ok) {
    const reason = parsed.errors[0]?.message ?? 'it cannot be read';
    throw new VnmError(
      'invalid-argument',
      `The stored definition cannot be edited here: ${reason} Fix it in the XML tab.`,
    );
  }
  const problem = draftProblems(draft, parsed.def)[0];
  if (problem) throw new VnmError('invalid-argument', problem.message);
  const next = formatNetworkXml(applyDraftToDef(parsed.def, draft));
  if (next !== formatNetworkXml(parsed.def)) await api().defineNetwork({ xml: next });
  if (autostart !== draft.autostart) {
    await api().setAutostart({ network: draft.network, autostart: draft.autostart });
  }
}
