/**
 * Details' Apply. Before Apply on a running network it says what will happen: changed live
 * (what net-update can change), or, for changes only a restart puts into effect, a choice of
 * Apply and restart or Apply (next start). Nothing is offered that cannot succeed: the
 * buttons wait while the draft has problems or vnmd is away, and say why.
 */
import { useRef, useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import type { NetworkSummary } from '@shared/rpc/contract';
import { planLiveApply } from '@shared/update/live-apply-plan';
import type { ApplyPlan } from '@shared/update/live-apply-plan';
import { useAppStore } from '@/stores/app-store';
import type { ApplyMode } from './apply-draft';
import { applyDraftToDef } from './details-draft';
import type { DetailsDraft } from './details-draft';
import type { DraftProblem } from './details-problems';
import { problemText } from './details-problems';
import { useDraftStore } from './draft-store';

export interface ApplyBarProps {
  readonly summary: NetworkSummary;
  readonly def: NetworkDef;
  readonly running: NetworkDef | null;
  readonly draft: DetailsDraft | null;
  readonly problems: readonly DraftProblem[];
}

const joinWords = (words: readonly string[]) =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;

function PlanNotice({ plan }: { readonly plan: ApplyPlan }) {
  if (plan.restartFor.length > 0) {
    return (
      <Alert severity="warning">
        The network is running. Changing {joinWords(plan.restartFor)} takes effect only when it restarts, and
        its guests lose their connection for a moment. Apply and restart does it now; Apply (next start) saves
        the changes for the next time it starts.
      </Alert>
    );
  }
  return (
    <Alert severity="info">
      The network is running: Apply changes it now, without a restart, and saves the changes
      {plan.ops.length > 0 ? ` (${plan.ops.map((o) => o.label).join('; ')}).` : '.'}
    </Alert>
  );
}

export function ApplyBar({ summary, def, running, draft, problems }: ApplyBarProps) {
  const applyDraft = useDraftStore((s) => s.applyDraft);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  // One Apply at a time: a second click while vnmd answers would apply twice.
  const [applying, setApplying] = useState(false);
  const bar = useRef<HTMLDivElement>(null);
  const apply = (mode: ApplyMode) => {
    setApplying(true);
    void applyDraft(mode).finally(() => {
      setApplying(false);
      // The pressed button is disabled while (and after) it applies, which drops the focus to
      // the page: a keyboard user would start again from the top. Keep them at the bar.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost) bar.current?.focus();
    });
  };
  const plan =
    draft && problems.length === 0 && summary.active && running
      ? planLiveApply(running, applyDraftToDef(def, draft))
      : null;
  const disabled = !draft || problems.length > 0 || applying || !connected;
  const general = problemText(problems, 'general');
  return (
    <Stack spacing={1.5} ref={bar} tabIndex={-1} sx={{ outline: 'none' }}>
      {general ? <Alert severity="error">{general}</Alert> : null}
      {problems.length > 0 ? (
        <Typography variant="body2" color="error">
          Fix the {problems.length === 1 ? 'problem' : `${problems.length} problems`} shown above to apply the
          changes.
        </Typography>
      ) : null}
      {draft && !connected ? (
        <Typography variant="body2" color="textSecondary">
          vnmd is not connected: your changes are kept, and Apply works again when it is back.
        </Typography>
      ) : null}
      {plan && connected ? <PlanNotice plan={plan} /> : null}
      {plan && plan.restartFor.length > 0 ? (
        <Stack direction="row" spacing={1}>
          <Button variant="contained" disabled={disabled} onClick={() => apply('restart')}>
            Apply and restart
          </Button>
          <Button variant="outlined" disabled={disabled} onClick={() => apply('next-start')}>
            Apply (next start)
          </Button>
        </Stack>
      ) : (
        <Box>
          <Button variant="contained" disabled={disabled} onClick={() => apply('auto')}>
            Apply
          </Button>
        </Box>
      )}
    </Stack>
  );
}
