/** The one place colours are chosen: MUI's light and dark palettes, tuned a little. */
import { createTheme } from '@mui/material/styles';
import type { Theme } from '@mui/material/styles';
import { useMediaQuery } from '@mui/material';
import { useMemo } from 'react';
import type { ThemePreference } from '@shared/api/contract';

export function createAppTheme(mode: 'light' | 'dark'): Theme {
  return createTheme({
    palette: { mode },
    shape: { borderRadius: 6 },
    typography: { fontSize: 13 },
    components: {
      MuiButton: { defaultProps: { size: 'small' }, styleOverrides: { root: { textTransform: 'none' } } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiTab: { styleOverrides: { root: { textTransform: 'none', minHeight: 40 } } },
      MuiTabs: { styleOverrides: { root: { minHeight: 40 } } },
      MuiTableCell: {
        styleOverrides: { root: { paddingTop: 6, paddingBottom: 6, fontVariantNumeric: 'tabular-nums' } },
      },
    },
  });
}

/** The theme for a preference, following the system when it says 'system'. */
export function useAppTheme(preference: ThemePreference): Theme {
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const mode = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  return useMemo(() => createAppTheme(mode), [mode]);
}
