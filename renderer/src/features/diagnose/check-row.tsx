/**
 * One line of the checklist: verdict, sentence, and for a line that is not ok its fix; the
 * facts behind the verdict (tables, chains, values read) fold out on demand. "Apply fix…"
 * shows only where vnmd says it can apply the fix itself (canApply); it is the primary colour,
 * as warning orange on white is below 4.5:1 (axe), and the confirmation carries the warning.
 */
import { useId, useState } from 'react';
import { Box, Button, Typography } from '@mui/material';
import type { DiagnoseCheck } from '@shared/rpc/contract';
import { FixText } from './fix-text';
import { StatusMark } from './status-mark';

export interface CheckRowProps {
  readonly check: DiagnoseCheck;
  /** Absent: the line offers no Apply (vnmd is away, or another apply runs). */
  readonly onApply?: (check: DiagnoseCheck) => void;
}

export function CheckRow({ check, onApply }: CheckRowProps) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const bad = check.status !== 'ok';
  return (
    <Box
      component="li"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 1.5,
        rowGap: 0.5,
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <StatusMark status={check.status} />
      <Typography sx={{ overflowWrap: 'anywhere' }}>{check.summary}</Typography>
      {bad && check.fix ? (
        <Box sx={{ gridColumn: 2 }}>
          <FixText fix={check.fix} label="Fix" />
        </Box>
      ) : null}
      {(check.details.length > 0 || (bad && check.canApply)) && (
        <Box sx={{ gridColumn: 2, display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {check.details.length > 0 ? (
            <Button
              size="small"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((v) => !v)}
            >
              {open ? 'Hide details' : 'Show details'}
            </Button>
          ) : null}
          {bad && check.canApply && check.fix ? (
            <Button size="small" variant="outlined" disabled={!onApply} onClick={() => onApply?.(check)}>
              Apply fix…
            </Button>
          ) : null}
        </Box>
      )}
      {open ? (
        <Box
          component="ul"
          id={detailsId}
          sx={{
            gridColumn: 2,
            m: 0,
            pl: 2.5,
            fontFamily: 'monospace',
            fontSize: '0.8125rem',
            overflowWrap: 'anywhere',
          }}
        >
          {check.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
