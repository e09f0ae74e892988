/**
 * A check's verdict as an icon and a word, so it never rests on colour alone (a screen reader
 * and a colour-blind eye both get "Fails").
 */
import { Box } from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { DiagnoseCheck } from '@shared/rpc/contract';

export type CheckStatus = DiagnoseCheck['status'];

export const STATUS_LABEL: Readonly<Record<CheckStatus, string>> = {
  ok: 'OK',
  warn: 'Warning',
  fail: 'Fails',
};

const STATUS_ICON = { ok: CheckCircleOutlineIcon, warn: WarningAmberIcon, fail: ErrorOutlineIcon } as const;
const STATUS_COLOR = { ok: 'success.main', warn: 'warning.main', fail: 'error.main' } as const;

/** The icon alone (its word is said beside it); `inherit` sizes it to the text around it. */
export function StatusIcon({
  status,
  fontSize = 'small',
}: {
  readonly status: CheckStatus;
  readonly fontSize?: 'small' | 'inherit';
}) {
  const Icon = STATUS_ICON[status];
  return <Icon fontSize={fontSize} aria-hidden sx={{ color: STATUS_COLOR[status], flexShrink: 0 }} />;
}

/** Icon and word, e.g. the checklist's first column. */
export function StatusMark({ status }: { readonly status: CheckStatus }) {
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontWeight: 600, minWidth: '5.5em' }}
    >
      <StatusIcon status={status} />
      {STATUS_LABEL[status]}
    </Box>
  );
}
