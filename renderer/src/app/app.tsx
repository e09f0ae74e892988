/** The window: theme, the Connection Details view, and the dialogs over it. */
import { useEffect } from 'react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { startSync } from '@/stores/event-router';
import { ConnectionDetails } from '@/features/connection-details/connection-details';
import { deferred } from '@/ui/deferred';
import { syncConnections } from '@/features/connections/sync-connections';
import { useAppTheme } from './theme';
import { useShortcuts } from './shortcuts';
import { useMarkFirstViewPainted, useTakeOverServerView } from './first-view';

const Dialogs = deferred(() => import('./dialogs').then((m) => m.Dialogs));

export function App() {
  const preference = useAppStore((s) => s.theme);
  const theme = useAppTheme(preference);
  useEffect(() => startSync(api()), []);
  useEffect(() => syncConnections(api()), []);
  useShortcuts();
  useMarkFirstViewPainted();
  useTakeOverServerView();
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <ConnectionDetails />
      <Dialogs />
    </ThemeProvider>
  );
}
