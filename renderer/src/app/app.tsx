/** The window: theme, the Connection Details view, and the dialogs over it. */
import { useEffect } from 'react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { startSync } from '@/stores/event-router';
import { ConnectionDetails } from '@/features/connection-details/connection-details';
import { PreferencesDialog } from '@/features/preferences/preferences-dialog';
import { CreateNetworkWizard } from '@/features/create-network-wizard/create-network-wizard';
import { DefineFromXmlDialog } from '@/features/define-from-xml/define-from-xml-dialog';
import { UnappliedChangesDialog } from '@/features/network-details/unapplied-changes-dialog';
import { DiagnoseDialogHost } from '@/features/diagnose/diagnose-dialog';
import { ConnectionsDialog } from '@/features/connections/connections-dialog';
import { AddConnectionDialog } from '@/features/connections/add-connection-dialog';
import { AskpassDialog } from '@/features/connections/askpass-dialog';
import { syncConnections } from '@/features/connections/sync-connections';
import { ErrorDialog } from './error-dialog';
import { ConfirmationSnackbar } from './confirmation-snackbar';
import { useAppTheme } from './theme';
import { useShortcuts } from './shortcuts';

export function App() {
  const preference = useAppStore((s) => s.theme);
  const theme = useAppTheme(preference);
  useEffect(() => startSync(api()), []);
  useEffect(() => syncConnections(api()), []);
  useShortcuts();
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <ConnectionDetails />
      <PreferencesDialog />
      <CreateNetworkWizard />
      <UnappliedChangesDialog />
      <DiagnoseDialogHost />
      <DefineFromXmlDialog />
      <ConnectionsDialog />
      <AddConnectionDialog />
      <AskpassDialog />
      <ErrorDialog />
      <ConfirmationSnackbar />
    </ThemeProvider>
  );
}
