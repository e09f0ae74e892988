/**
 * Where the window is: the main tab, the selected network and its sub-tab. A view with
 * unsaved edits (the Details draft) registers a leave guard; a navigation then waits for
 * the person to apply, discard or stay (UnappliedChangesDialog).
 */
import type { Navigation, NavigationSlice, Slice } from './types';

export const createNavigationSlice: Slice<NavigationSlice> = (set, get) => {
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
    pendingNavigation: null,
    leaveGuard: null,
    setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
    navigate: (nav) => {
      if (get().leaveGuard) set({ pendingNavigation: nav });
      else go(nav);
    },
    resolvePending: async (choice) => {
      const nav = get().pendingNavigation;
      set({ pendingNavigation: null });
      if (choice === 'cancel' || !nav) return;
      const guard = get().leaveGuard;
      if (choice === 'apply' && guard && !(await guard.apply())) return;
      guard?.discard();
      set({ leaveGuard: null });
      go(nav);
    },
  };
};
