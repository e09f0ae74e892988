/**
 * The confirmation before vnmd applies a fix: the exact command, and what it touches. A
 * firewall fix changes another tool's table (Docker's, firewalld's, ufw's, an admin's), which
 * vnm never does without this yes. Cancel has the focus, so Enter alone changes nothing.
 */
import { useRef } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { DiagnoseCheck } from '@shared/rpc/contract';
import { FixText } from './fix-text';

/** What applying changes, said before the person agrees. */
export function fixConsequence(check: DiagnoseCheck): string {
  if (check.id.startsWith('firewall-') || check.id === 'br-netfilter')
    return 'This changes another tool’s firewall rules (the table and chain named above), not vnm’s own. Apply it only if that tool should let this network’s traffic through.';
  return 'This changes the host’s own settings, outside this network’s definition.';
}

export interface ApplyFixDialogProps {
  readonly network: string;
  /** The line to fix; null: closed. */
  readonly check: DiagnoseCheck | null;
  readonly onClose: (confirmed: boolean) => void;
}

export function ApplyFixDialog({ network, check, onClose }: ApplyFixDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={check !== null}
      onClose={() => onClose(false)}
      // This dialog opens over Diagnose: autoFocus can lose a race with Diagnose's focus trap,
      // which takes the focus back before this one counts as the top modal. Once it has
      // entered it is the top one, so Cancel is focused again then.
      slotProps={{ transition: { onEntered: () => cancel.current?.focus() } }}
      aria-labelledby="apply-fix-title"
      aria-describedby="apply-fix-text"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="apply-fix-title">Apply this fix to network {network}?</DialogTitle>
      {check ? (
        <DialogContent>
          <DialogContentText id="apply-fix-text" sx={{ mb: 1.5 }}>
            {check.summary} vnm will run this command on the host:
          </DialogContentText>
          <FixText fix={check.fix ?? ''} label="Command" />
          <DialogContentText sx={{ mt: 1.5 }}>{fixConsequence(check)}</DialogContentText>
        </DialogContent>
      ) : null}
      <DialogActions>
        <Button ref={cancel} onClick={() => onClose(false)} autoFocus>
          Cancel
        </Button>
        <Button color="warning" variant="contained" onClick={() => onClose(true)}>
          Apply fix
        </Button>
      </DialogActions>
    </Dialog>
  );
}
