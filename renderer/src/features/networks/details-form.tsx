/** The editable part of Details: On Boot, Domain and MTU, applied together with Apply. */
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { NetworkSummary } from '../../../../shared/rpc/contract';
import { useAppStore } from '../../stores/app-store';
import { draftProblem } from '../../stores/selection-slice';
import type { DetailsDraft } from '../../stores/types';

const sameValues = (a: DetailsDraft, b: DetailsDraft) =>
  a.autostart === b.autostart && a.domain === b.domain && a.mtu === b.mtu;

export interface DetailsFormProps {
  readonly summary: NetworkSummary;
  /** The values the network has now. */
  readonly current: DetailsDraft;
  /** Unapplied edits, if any. */
  readonly draft: DetailsDraft | null;
}

export function DetailsForm({ summary, current, draft }: DetailsFormProps) {
  const setDraft = useAppStore((s) => s.setDraft);
  const applyDraft = useAppStore((s) => s.applyDraft);
  const values = draft ?? current;
  const edit = (patch: Partial<DetailsDraft>) => {
    const next = { ...values, ...patch };
    setDraft(sameValues(next, current) ? null : next);
  };
  const problem = draft ? draftProblem(draft) : null;
  return (
    <>
      <Box>
        <FormControlLabel
          control={
            <Checkbox checked={values.autostart} onChange={(e) => edit({ autostart: e.target.checked })} />
          }
          label="On Boot"
          disabled={!summary.persistent}
        />
        <Typography variant="caption" color="text.secondary" component="div">
          Start this network whenever vnmd starts
          {summary.persistent ? '.' : ' (only persistent networks can).'}
        </Typography>
      </Box>
      <Stack direction="row" spacing={2}>
        <TextField
          label="Domain"
          value={values.domain}
          onChange={(e) => edit({ domain: e.target.value })}
          disabled={!summary.persistent}
          helperText="DNS domain of the guests; empty for none."
        />
        <TextField
          label="MTU"
          value={values.mtu}
          onChange={(e) => edit({ mtu: e.target.value })}
          disabled={!summary.persistent}
          helperText="Empty for the default (1500)."
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      </Stack>
      {problem ? <Alert severity="error">{problem}</Alert> : null}
      {draft && summary.active ? (
        <Alert severity="info">Domain and MTU changes take effect the next time the network starts.</Alert>
      ) : null}
      <Box>
        <Button variant="contained" disabled={!draft || Boolean(problem)} onClick={() => void applyDraft()}>
          Apply
        </Button>
      </Box>
    </>
  );
}
