/**
 * The editable part of Details: On Boot, Domain, MTU, forwarding and the IPv4 and IPv6
 * sections, applied together with Apply. Problems show on their fields as they are typed,
 * and Apply waits until there are none.
 */
import { useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import type { NetworkSummary } from '@shared/rpc/contract';
import type { DetailsDraft } from './details-draft';
import { FAMILIES, sameDraft } from './details-draft';
import type { DraftProblem } from './details-problems';
import { draftProblems, problemText } from './details-problems';
import { useAppStore } from '@/stores/app-store';
import { ForwardEditor } from './forward-editor';
import { IpEditor } from './ip-editor';
import type { SectionProps } from './section-props';
import { useDraftStore } from './draft-store';

export interface DetailsFormProps {
  readonly summary: NetworkSummary;
  /** The stored definition the draft applies to. */
  readonly def: NetworkDef;
  /** The values the network has now. */
  readonly current: DetailsDraft;
  /** Unapplied edits, if any. */
  readonly draft: DetailsDraft | null;
}

export function DetailsForm({ summary, def, current, draft }: DetailsFormProps) {
  const setDraft = useDraftStore((s) => s.setDraft);
  const values = draft ?? current;
  const edit = (patch: Partial<DetailsDraft>) => {
    const next = { ...values, ...patch };
    setDraft(sameDraft(next, current) ? null : next);
  };
  const problems = draft ? draftProblems(draft, def) : [];
  const section: SectionProps = { values, problems, disabled: !summary.persistent, edit };
  return (
    <>
      <BasicFields {...section} />
      <ForwardEditor {...section} />
      {FAMILIES.map((family) => (
        <IpEditor key={family} family={family} {...section} />
      ))}
      <ApplyBar summary={summary} draft={draft} problems={problems} />
    </>
  );
}

function BasicFields({ values, problems, disabled, edit }: SectionProps) {
  const domainProblem = problemText(problems, 'domain');
  const mtuProblem = problemText(problems, 'mtu');
  return (
    <>
      <Box>
        <FormControlLabel
          control={
            <Checkbox checked={values.autostart} onChange={(e) => edit({ autostart: e.target.checked })} />
          }
          label="On Boot"
          disabled={disabled}
        />
        <Typography variant="caption" color="text.secondary" component="div">
          Start this network whenever vnmd starts
          {disabled ? ' (only persistent networks can).' : '.'}
        </Typography>
      </Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Domain"
          value={values.domain}
          onChange={(e) => edit({ domain: e.target.value })}
          disabled={disabled}
          error={domainProblem !== undefined}
          helperText={domainProblem ?? 'DNS domain of the guests; empty for none.'}
          sx={{ flex: 2 }}
        />
        <TextField
          label="MTU"
          value={values.mtu}
          onChange={(e) => edit({ mtu: e.target.value })}
          disabled={disabled}
          error={mtuProblem !== undefined}
          helperText={mtuProblem ?? 'Empty for the default (1500).'}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ flex: 1 }}
        />
      </Stack>
    </>
  );
}

function ApplyBar({
  summary,
  draft,
  problems,
}: {
  readonly summary: NetworkSummary;
  readonly draft: DetailsDraft | null;
  readonly problems: readonly DraftProblem[];
}) {
  const applyDraft = useDraftStore((s) => s.applyDraft);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  // One Apply at a time: a second click while vnmd answers would define twice.
  const [applying, setApplying] = useState(false);
  const apply = () => {
    setApplying(true);
    void applyDraft().finally(() => setApplying(false));
  };
  const general = problemText(problems, 'general');
  return (
    <Stack spacing={1.5}>
      {general ? <Alert severity="error">{general}</Alert> : null}
      {problems.length > 0 ? (
        <Typography variant="body2" color="error">
          Fix the {problems.length === 1 ? 'problem' : `${problems.length} problems`} shown above to apply the
          changes.
        </Typography>
      ) : null}
      {draft && !connected ? (
        <Typography variant="body2" color="text.secondary">
          vnmd is not connected: your changes are kept, and Apply works again when it is back.
        </Typography>
      ) : null}
      {draft && summary.active ? (
        <Alert severity="info">
          The network is running: the changes are saved now and take effect the next time it starts.
        </Alert>
      ) : null}
      <Box>
        <Button
          variant="contained"
          disabled={!draft || problems.length > 0 || applying || !connected}
          onClick={apply}
        >
          Apply
        </Button>
      </Box>
    </Stack>
  );
}
