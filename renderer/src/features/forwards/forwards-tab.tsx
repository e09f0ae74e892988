/**
 * The Port Forwarding sub-tab of a NAT network (issue #14): its forwards, Add, and Remove
 * per row. The list is the running network's when it runs, else the stored definition's.
 */
import { useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import type { PortForward } from '@shared/model/port-forward';
import { ConfirmDialog } from '@/ui/confirm-dialog';
import { useAppStore } from '@/stores/app-store';
import { useForwards } from '@/stores/use-forwards';
import { ForwardAddDialog } from './forward-add-dialog';
import { guestAt } from './forward-guests';
import { ForwardsTable } from './forwards-table';
import { forwardInWords } from './forward-text';
import { useForwardGuests } from './use-forward-guests';

const WHAT_A_FORWARD_IS =
  'A port forward makes a service in a guest reachable from outside this host: connections to a ' +
  'port of the host are sent on to a port of a guest on this network.';

export function ForwardsTab({ network }: { readonly network: string }) {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const removeForward = useAppStore((s) => s.removeForward);
  const { forwards, error } = useForwards(network);
  const { def, guests } = useForwardGuests(network);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PortForward | null>(null);
  const [busy, setBusy] = useState(false);
  if (!summary) return null;

  const nameOf = (f: PortForward) => guestAt(guests, f.guestAddress)?.hostname ?? null;
  const confirmRemove = async (confirmed: boolean) => {
    const f = removing;
    setRemoving(null);
    if (!confirmed || !f) return;
    setBusy(true);
    await removeForward(network, f);
    setBusy(false);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 1000 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Port forwards
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)} disabled={!def}>
          Add
        </Button>
      </Stack>
      {summary.active ? null : (
        <Alert severity="info">
          Network {network} is not running: its forwards are saved and take effect when it starts.
        </Alert>
      )}
      {error ? (
        <Alert severity="error">Could not read the port forwards: {String((error as Error).message)}</Alert>
      ) : null}
      {forwards === null && !error ? (
        <Typography color="textSecondary">Reading port forwards…</Typography>
      ) : null}
      {forwards && forwards.length === 0 ? (
        <Box>
          <Typography sx={{ mb: 1 }}>No port forwards.</Typography>
          <Typography variant="body2" color="textSecondary">
            {WHAT_A_FORWARD_IS} Press Add to make one.
          </Typography>
        </Box>
      ) : null}
      {forwards && forwards.length > 0 ? (
        <ForwardsTable forwards={forwards} guestName={nameOf} disabled={busy} onRemove={setRemoving} />
      ) : null}
      {adding && def ? (
        <ForwardAddDialog
          network={network}
          // The list vnmd answered is the one to check against; the XML may be a version behind.
          def={{ ...def, forwards: forwards ?? def.forwards ?? [] }}
          guests={guests}
          onClose={() => setAdding(false)}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title="Remove port forward?"
        message={removing ? `Remove the forward of ${forwardInWords(removing, nameOf(removing))}?` : ''}
        confirmLabel="Remove"
        onClose={(ok) => void confirmRemove(ok)}
      />
    </Stack>
  );
}
