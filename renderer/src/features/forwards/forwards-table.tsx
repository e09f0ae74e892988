/** The table of a network's port forwards, with Remove on each row. */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
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

/** An address that may break after its colons (IPv6) rather than anywhere, or widen the table. */
function Address({ text }: { readonly text: string }) {
  const parts = text.split(':');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              :<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}

function Secondary({ children }: { readonly children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary" component="span" sx={{ display: 'block' }}>
      {children}
    </Typography>
  );
}

export function ForwardsTable({ forwards, guestName, disabled, onRemove }: ForwardsTableProps) {
  // Host address and port share a cell, as do the guest's address and name, with narrow
  // padding: the table then fits the panel at 1024 px wide, Remove in view, no sideways scroll.
  return (
    <TableContainer sx={{ contain: 'inline-size' }}>
      <Table size="small" aria-label="Port forwards" sx={{ '& th, & td': { px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell>Protocol</TableCell>
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
                <TableCell>{PROTOCOL_LABEL[f.protocol]}</TableCell>
                <TableCell>
                  <Box component="span" sx={{ display: 'block', ...nowrap }}>
                    {formatPortRange(f.hostPort)}
                  </Box>
                  <Secondary>
                    on <Address text={hostAddressText(f)} />
                  </Secondary>
                </TableCell>
                <TableCell>
                  <Address text={f.guestAddress} />
                  {name ? <Secondary>{name}</Secondary> : null}
                </TableCell>
                <TableCell sx={nowrap}>{formatPortRange(f.guestPort)}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 96 }}>{f.description ?? '—'}</TableCell>
                <TableCell align="right" sx={nowrap}>
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
