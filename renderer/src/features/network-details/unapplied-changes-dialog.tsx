/** Asked when leaving the Details sub-tab with edits not applied, as virt-manager does. */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useAppStore } from '@/stores/app-store';

export function UnappliedChangesDialog() {
  const pending = useAppStore((s) => s.pendingNavigation);
  const network = useAppStore((s) => s.leaveGuard?.network);
  const resolve = useAppStore((s) => s.resolvePending);
  return (
    <Dialog open={Boolean(pending)} onClose={() => void resolve('cancel')} aria-labelledby="unapplied-title">
      <DialogTitle id="unapplied-title">Apply changes?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          There are unapplied changes to network {network}. Apply them before leaving, or discard them?
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void resolve('cancel')}>Cancel</Button>
        <Button onClick={() => void resolve('discard')}>Discard</Button>
        <Button variant="contained" onClick={() => void resolve('apply')} autoFocus>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}
