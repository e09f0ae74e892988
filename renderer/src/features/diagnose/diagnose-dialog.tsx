/**
 * Diagnose: net-diagnose's checklist for one network, in the order a person would check,
 * with each failing line's fix (and Apply fix… where vnmd can apply it, after a confirmation).
 * Title and buttons stay put; the checklist scrolls, so it fits a 760x480 window.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  TextField,
  Typography,
} from '@mui/material';
import type { DiagnoseCheck } from '@shared/rpc/contract';
import { useAppStore } from '@/stores/app-store';
import { ApplyFixDialog } from './apply-fix-dialog';
import { CheckRow } from './check-row';
import { checklistSummary } from './checklist-summary';
import { useDiagnose } from './use-diagnose';

function DiagnoseDialog({ network, onClose }: { readonly network: string; readonly onClose: () => void }) {
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const ovn = useAppStore((s) => s.networks.find((n) => n.name === network)?.kind === 'ovn');
  const { state, run, apply } = useDiagnose(network);
  const [guest, setGuest] = useState('');
  const [confirming, setConfirming] = useState<DiagnoseCheck | null>(null);
  useEffect(() => void run(''), [run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(guest);
  };
  const idle = !state.running && state.applying === null;
  const checks = state.result?.checks ?? [];
  return (
    <Dialog open onClose={onClose} scroll="paper" maxWidth="md" fullWidth aria-labelledby="diagnose-title">
      <DialogTitle id="diagnose-title">Diagnose network {network}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Box
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
        >
          <TextField
            label="Guest (optional)"
            value={guest}
            onChange={(e) => setGuest(e.target.value)}
            size="small"
            helperText={
              // OVN keeps no hostname a guest sent, and the guest may run on another host.
              ovn
                ? 'A guest’s MAC, IP address or port name adds where it is plugged in and its address.'
                : 'A guest’s MAC, IP address or hostname adds its lease, neighbour entry and traffic.'
            }
            sx={{ flex: '1 1 260px' }}
          />
          <Button type="submit" variant="outlined" disabled={!connected || !idle} sx={{ mt: 0.25 }}>
            Run checks
          </Button>
        </Box>
        {state.error ? <Alert severity="error">Could not run the checks: {state.error}</Alert> : null}
        {state.applyError ? (
          <Alert severity="error">Could not apply the fix: {state.applyError}</Alert>
        ) : null}
        <Typography role="status" sx={{ fontWeight: 500 }}>
          {state.running || state.applying ? 'Checking…' : checklistSummary(state.result)}
        </Typography>
        {state.running || state.applying ? <LinearProgress aria-label="Checking" /> : null}
        {checks.length > 0 ? (
          <Box component="ul" aria-label="Checklist" sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {checks.map((c) => (
              <CheckRow
                key={c.id}
                check={c}
                onApply={connected && idle ? (check) => setConfirming(check) : undefined}
              />
            ))}
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
      <ApplyFixDialog
        network={network}
        check={confirming}
        onClose={(ok) => {
          const check = confirming;
          setConfirming(null);
          if (ok && check) void apply(check, guest);
        }}
      />
    </Dialog>
  );
}

/** The one Diagnose dialog of the window, open for the network the store names. */
export function DiagnoseDialogHost() {
  const network = useAppStore((s) => s.diagnosing);
  const close = useAppStore((s) => s.closeDiagnose);
  // Keyed: each opening starts a fresh run, never the last network's checklist.
  return network ? <DiagnoseDialog key={network} network={network} onClose={close} /> : null;
}
