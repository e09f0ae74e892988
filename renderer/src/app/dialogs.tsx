/**
 * The dialogs over the window, in a chunk of their own (app.tsx loads it after the first
 * view is painted, first-view.ts): none of them is needed to paint the network list.
 */
import { PreferencesDialog } from '@/features/preferences/preferences-dialog';
import { CreateNetworkWizard } from '@/features/create-network-wizard/create-network-wizard';
import { DefineFromXmlDialog } from '@/features/define-from-xml/define-from-xml-dialog';
import { UnappliedChangesDialog } from '@/features/network-details/unapplied-changes-dialog';
import { DiagnoseDialogHost } from '@/features/diagnose/diagnose-dialog';
import { ConnectionsDialog } from '@/features/connections/connections-dialog';
import { AddConnectionDialog } from '@/features/connections/add-connection-dialog';
import { AskpassDialog } from '@/features/connections/askpass-dialog';
import { ErrorDialog } from './error-dialog';
import { ConfirmationSnackbar } from './confirmation-snackbar';

export function Dialogs() {
  return (
    <>
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
    </>
  );
}
