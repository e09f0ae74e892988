/**
 * A short "done" after Apply, Start, Stop and Delete: the list changes too, but a line that
 * names the network says the click did what was meant. It is polite (role status), goes by
 * itself, and never takes the focus. Failures go to the error dialog instead.
 */
import { Alert, Snackbar } from '@mui/material';
import { useAppStore } from '@/stores/app-store';

/** Long enough to read a short sentence, short enough not to cover the next one. */
export const CONFIRMATION_MS = 4000;

export function ConfirmationSnackbar() {
  const confirmation = useAppStore((s) => s.confirmation);
  const dismiss = useAppStore((s) => s.dismissConfirmation);
  return (
    <Snackbar
      key={confirmation?.seq}
      open={confirmation?.open ?? false}
      autoHideDuration={CONFIRMATION_MS}
      onClose={(_e, reason) => reason !== 'clickaway' && dismiss()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      <Alert severity="success" variant="filled" role="status" aria-live="polite" onClose={dismiss}>
        {confirmation?.text}
      </Alert>
    </Snackbar>
  );
}
