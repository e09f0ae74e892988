import type { ThemePreference } from '@shared/api/contract';
import { toErrorData } from '@shared/rpc/errors';
import { THEME_COOKIE } from '@shared/first-view/ids';
import { api } from '@/api/vnm-api';
import type { Slice, UiSlice } from './types';

const THEME_KEY = 'vnm.theme';

function storedTheme(): ThemePreference {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * The browser shell serves the first view before any script (shared/first-view/page.ts): the
 * cookie tells it the colours this window will have. (Pages from files, in Electron, keep none.)
 */
function shareTheme(theme: ThemePreference): ThemePreference {
  if (typeof document !== 'undefined')
    document.cookie = `${THEME_COOKIE}=${theme}; Path=/; SameSite=Strict; Max-Age=31536000`;
  return theme;
}

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  theme: shareTheme(storedTheme()),
  errors: [],
  preferencesOpen: false,
  createOpen: false,
  firstViewPainted: false,
  setFirstViewPainted: () => set({ firstViewPainted: true }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // A profile without storage keeps the choice for this session only.
    }
    set({ theme: shareTheme(theme) });
  },
  setStatsInterval: async (seconds) => {
    try {
      await api().setStatsInterval({ seconds });
      await get().loadHost();
    } catch (err) {
      get().showError('Could not change the statistics interval', err);
    }
  },
  showError: (title, err) => {
    const error = toErrorData(err);
    // While vnmd is away the banner already says so; a dialog per failed refresh would bury it.
    if (error.kind === 'connection' && get().connection.state !== 'connected') return;
    set((s) => ({ errors: [...s.errors, { title, error }] }));
  },
  dismissError: () => set((s) => ({ errors: s.errors.slice(1) })),
  setPreferencesOpen: (open) => set({ preferencesOpen: open }),
  setCreateOpen: (open) => set({ createOpen: open }),
  confirmation: null,
  confirm: (text) =>
    set((s) => ({ confirmation: { text, seq: (s.confirmation?.seq ?? 0) + 1, open: true } })),
  // Keeps the text while the Snackbar slides out.
  dismissConfirmation: () =>
    set((s) => ({ confirmation: s.confirmation && { ...s.confirmation, open: false } })),
});
