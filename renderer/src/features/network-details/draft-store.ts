/**
 * The Details sub-tab's unapplied edits, in a store of the feature's own. While there is a
 * draft it guards navigation (navigation-slice.ts), so leaving asks to apply or discard.
 */
import { create } from 'zustand';
import type { NetworkDef } from '@shared/model/network';
import { useAppStore } from '@/stores/app-store';
import { applyDraftTo } from './apply-draft';
import type { ApplyMode } from './apply-draft';
import type { DetailsDraft } from './details-draft';

interface DraftState {
  draft: DetailsDraft | null;
  /** The saved definition the draft was made from: what the prompt on leaving checks it against. */
  base: NetworkDef | null;
  setDraft: (draft: DetailsDraft | null, base?: NetworkDef) => void;
  /** Applies the draft to vnmd as `mode` says; false (and an error dialog) when it could not. */
  applyDraft: (mode?: ApplyMode) => Promise<boolean>;
}

export const useDraftStore = create<DraftState>()((set, get) => ({
  draft: null,
  base: null,
  setDraft: (draft, base) => {
    set({ draft, base: draft ? (base ?? get().base) : null });
    useAppStore
      .getState()
      .setLeaveGuard(
        draft
          ? { network: draft.network, apply: () => get().applyDraft(), discard: () => get().setDraft(null) }
          : null,
      );
  },
  applyDraft: async (mode = 'auto') => {
    const draft = get().draft;
    if (!draft) return true;
    const app = useAppStore.getState();
    try {
      await applyDraftTo(
        draft,
        app.networks.find((n) => n.name === draft.network),
        mode,
      );
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
