/** The table of a network's port forwards, with Remove on each row. */
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { PortForward } from '@shared/model/port-forward';
import { formatPortRange } from '@shared/model/port-forward';
import { PROTOCOL_LABEL, forwardKey, hostAddressText } from './forward-text';

export interface ForwardsTableProps {
  readonly forwards: readonly PortForward[];
  readonly guestName: (f: PortForward) => string | null;
  readonly disabled: boolean;
  readonly onRemove: (f: PortForward) => void;
}

const nowrap = { whiteSpace: 'nowrap' } as const;
/** Read by screen readers, not shown: the Remove column needs a header name, not a visible one. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

export function ForwardsTable({ forwards, guestName, disabled, onRemove }: ForwardsTableProps) {
  // Text columns wrap (addresses break anywhere, descriptions at words) so that Remove stays
  // in view at 1024 px wide rather than behind a horizontal scroll.
  return (
    <TableContainer sx={{ contain: 'inline-size' }}>
      <Table size="small" aria-label="Port forwards">
        <TableHead>
          <TableRow>
            <TableCell>Protocol</TableCell>
            <TableCell>Host address</TableCell>
            <TableCell>Host port</TableCell>
            <TableCell>Guest</TableCell>
            <TableCell>Guest port</TableCell>
            <TableCell>Description</TableCell>
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {forwards.map((f) => {
            const name = guestName(f);
            return (
              <TableRow key={forwardKey(f)}>
                <TableCell sx={nowrap}>{PROTOCOL_LABEL[f.protocol]}</TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>{hostAddressText(f)}</TableCell>
                <TableCell sx={nowrap}>{formatPortRange(f.hostPort)}</TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>
                  {f.guestAddress}
                  {name ? (
                    <Typography
                      variant="body2"
                      color="text.secondary"
                      component="span"
                      sx={{ display: 'block' }}
                    >
                      {name}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell sx={nowrap}>{formatPortRange(f.guestPort)}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>{f.description ?? '—'}</TableCell>
                <TableCell align="right">
                  <Button size="small" color="error" disabled={disabled} onClick={() => onRemove(f)}>
                    Remove
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
