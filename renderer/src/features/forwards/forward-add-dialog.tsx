/**
 * Add port forward: every field checked as it is typed, each problem on its field (the
 * rules are vnmd's own, from shared/validation). On a running network the forward takes
 * effect at once and is saved in the definition too, unless the person says otherwise.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
} from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import { VnmError } from '@shared/rpc/errors';
import { useAppStore } from '@/stores/app-store';
import type { Reservation } from '@/stores/forwards-slice';
import type { DraftField, ForwardDraft } from './forward-draft';
import { EMPTY_DRAFT, draftProblems, forwardFromDraft } from './forward-draft';
import { ForwardFields } from './forward-fields';
import type { GuestChoice } from './forward-guests';
import { guestAt } from './forward-guests';
import { ForwardTargetChoice, useForwardTarget } from './forward-target';
import { useOtherForwards } from './use-other-forwards';

export interface ForwardAddDialogProps {
  readonly network: string;
  readonly def: NetworkDef;
  readonly guests: readonly GuestChoice[];
  readonly onClose: () => void;
}

/** A guest known only by a dynamic IPv4 lease can be given a static host, so its address stays. */
function reservable(guest: GuestChoice | undefined): guest is GuestChoice & { mac: string } {
  return guest !== undefined && !guest.reserved && guest.mac !== null && !guest.address.includes(':');
}

export function ForwardAddDialog({ network, def, guests, onClose }: ForwardAddDialogProps) {
  const addForward = useAppStore((s) => s.addForward);
  const others = useOtherForwards(network);
  const target = useForwardTarget(network);
  const [draft, setDraft] = useState<ForwardDraft>(EMPTY_DRAFT);
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [tried, setTried] = useState(false);
  const [reserve, setReserve] = useState(true);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const problems = useMemo(() => draftProblems(draft, def, others), [draft, def, others]);
  const guest = guestAt(guests, draft.guestAddress);
  const nowhere = !target.value.live && !target.value.config;

  const change = (patch: Partial<ForwardDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // vnmd's last refusal was about the fields as they were.
    setFailure(null);
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as DraftField[])]));
  };
  const shown = (field: DraftField) => (tried || touched.has(field) ? problems[field] : undefined);

  const submit = async () => {
    setTried(true);
    const forward = forwardFromDraft(draft);
    if (!forward || Object.keys(problems).length > 0) return;
    const reservation: Reservation | undefined =
      reserve && reservable(guest)
        ? { mac: guest.mac, ip: guest.address, ...(guest.hostname ? { name: guest.hostname } : {}) }
        : undefined;
    setSaving(true);
    try {
      await addForward(network, forward, target.value, reservation);
      onClose();
    } catch (err) {
      setFailure(err instanceof VnmError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="add-forward-title" maxWidth="sm" fullWidth>
      <DialogTitle id="add-forward-title">Add port forward</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Connections to the host port are sent on to the guest’s port on network {network}.
        </DialogContentText>
        <Stack spacing={2}>
          {problems.network ? <Alert severity="error">{problems.network}</Alert> : null}
          <ForwardFields
            draft={draft}
            change={change}
            problem={shown}
            guests={guests}
            disabled={saving}
            reserve={
              reservable(guest)
                ? { checked: reserve, set: setReserve, name: guest.hostname ?? guest.mac }
                : undefined
            }
          />
          <ForwardTargetChoice target={target} disabled={saving} />
          {failure ? <Alert severity="error">{failure}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={saving || nowhere || (tried && Object.keys(problems).length > 0)}
        >
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}
