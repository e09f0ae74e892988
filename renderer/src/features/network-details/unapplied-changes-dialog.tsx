/**
 * Asked when leaving the Details sub-tab with edits not applied, as virt-manager does. Apply
 * is offered only when it can succeed: with problems in the edits, or vnmd away, it waits
 * and says why, and the focus starts on Cancel, never on an action bound to fail.
 */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import { draftProblems } from './details-problems';
import { useDraftStore } from './draft-store';

/** Why Apply cannot go ahead now, in one sentence; null when it can. */
function useApplyBlocked(): string | null {
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const draft = useDraftStore((s) => s.draft);
  const base = useDraftStore((s) => s.base);
  const problems = draft && base ? draftProblems(draft, base) : [];
  if (problems.length > 0) {
    const n = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    return `The changes have ${n}, so they cannot be applied: Cancel to fix them in Details, or Discard them.`;
  }
  if (!connected) {
    return 'vnmd is not connected, so the changes cannot be applied now: Cancel to keep them until it is back, or Discard them.';
  }
  return null;
}

export function UnappliedChangesDialog() {
  const pending = useAppStore((s) => s.pendingNavigation);
  const network = useAppStore((s) => s.leaveGuard?.network);
  const resolve = useAppStore((s) => s.resolvePending);
  const active = useAppStore((s) => s.networks.find((n) => n.name === network)?.active ?? false);
  const blocked = useApplyBlocked();
  return (
    <Dialog
      open={Boolean(pending)}
      onClose={() => void resolve('cancel')}
      aria-labelledby="unapplied-title"
      aria-describedby="unapplied-text"
    >
      <DialogTitle id="unapplied-title">Apply changes?</DialogTitle>
      <DialogContent>
        <DialogContentText id="unapplied-text">
          There are unapplied changes to network {network}. Apply them before leaving, or discard them?
          {active && !blocked
            ? ' The running network takes what can change live; the rest takes effect when it restarts.'
            : ''}
        </DialogContentText>
        {blocked ? (
          <DialogContentText role="status" sx={{ mt: 1.5, color: 'text.primary' }}>
            {blocked}
          </DialogContentText>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void resolve('cancel')} autoFocus={blocked !== null}>
          Cancel
        </Button>
        <Button onClick={() => void resolve('discard')}>Discard</Button>
        <Button
          variant="contained"
          onClick={() => void resolve('apply')}
          disabled={blocked !== null}
          autoFocus={blocked === null}
        >
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}
