/**
 * The Details sub-tab's unapplied edits, in a store of the feature's own. While there is a
 * draft it guards navigation (navigation-slice.ts), so leaving asks to apply or discard.
 */
import { create } from 'zustand';
import { VnmError } from '@shared/rpc/errors';
import { formatNetworkXml, parseNetworkXml } from '@shared/xml';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { applyDraftToDef } from './details-draft';
import type { DetailsDraft } from './details-draft';
import { draftProblems } from './details-problems';

interface DraftState {
  draft: DetailsDraft | null;
  setDraft: (draft: DetailsDraft | null) => void;
  /** Applies the draft to vnmd; false (and an error dialog) when it could not. */
  applyDraft: () => Promise<boolean>;
}

export const useDraftStore = create<DraftState>()((set, get) => ({
  draft: null,
  setDraft: (draft) => {
    set({ draft });
    useAppStore
      .getState()
      .setLeaveGuard(
        draft
          ? { network: draft.network, apply: () => get().applyDraft(), discard: () => get().setDraft(null) }
          : null,
      );
  },
  applyDraft: async () => {
    const draft = get().draft;
    if (!draft) return true;
    const app = useAppStore.getState();
    try {
      await applyToNetwork(draft, app.networks.find((n) => n.name === draft.network)?.autostart);
      get().setDraft(null);
      app.confirm(`Changes to network ${draft.network} applied.`);
      return true;
    } catch (err) {
      app.showError(`Could not apply the changes to network ${draft.network}`, err);
      return false;
    }
  },
}));

const initial = useDraftStore.getState();

/** Tests start every case with no draft. */
export function resetDraftStore(): void {
  useDraftStore.setState(initial, true);
}

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
