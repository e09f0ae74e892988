/**
 * Connections: every vnmd this app knows (the local one and SSH hosts), with its state and
 * why it failed, as virt-manager's main window lists its connections. Open shows that
 * connection's Connection Details in this window or a new one.
 */
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ConnectionEntry } from '@shared/api/contract';
import { canConnect, stateLabel } from './connection-state';
import {
  connectConnection,
  disconnectConnection,
  openConnection,
  removeConnection,
  setAddOpen,
  setListOpen,
  useConnections,
} from './connections-store';
import { pageConnectionId } from './page-connection';

function ConnectionRow({ entry, current }: { entry: ConnectionEntry; current: boolean }) {
  const state = stateLabel(entry.status);
  const reason = entry.status.state === 'connected' ? null : entry.status.reason;
  return (
    <TableRow aria-label={entry.name} selected={current}>
      <TableCell sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {entry.name}
          {current ? ' (this window)' : ''}
        </Typography>
        <Typography variant="caption" color="textSecondary" sx={{ overflowWrap: 'anywhere' }}>
          {entry.uri}
        </Typography>
      </TableCell>
      <TableCell>
        <Chip size="small" label={state.text} color={state.color} variant="outlined" />
        {reason ? (
          <Typography
            variant="caption"
            color="error"
            component="p"
            role="note"
            sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxWidth: 360 }}
          >
            {reason}
          </Typography>
        ) : null}
      </TableCell>
      <TableCell align="right">
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', flexWrap: 'wrap' }} useFlexGap>
          <Button size="small" disabled={current} onClick={() => void openConnection(entry.id, false)}>
            Open
          </Button>
          <Button size="small" onClick={() => void openConnection(entry.id, true)}>
            Open in new window
          </Button>
          {entry.local ? null : canConnect(entry.status) ? (
            <Button size="small" onClick={() => connectConnection(entry.id)}>
              Connect
            </Button>
          ) : (
            <Button size="small" onClick={() => disconnectConnection(entry.id)}>
              Disconnect
            </Button>
          )}
          {entry.local ? null : (
            <Button size="small" color="error" onClick={() => removeConnection(entry.id)}>
              Remove
            </Button>
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
}

export function ConnectionsDialog() {
  const open = useConnections((s) => s.listOpen);
  const connections = useConnections((s) => s.connections);
  const current = pageConnectionId();
  return (
    <Dialog
      open={open}
      onClose={() => setListOpen(false)}
      aria-labelledby="connections-title"
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id="connections-title">Connections</DialogTitle>
      <DialogContent>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Connections">
            <TableHead>
              <TableRow>
                <TableCell>Connection</TableCell>
                <TableCell>State</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {connections.map((c) => (
                <ConnectionRow key={c.id} entry={c} current={c.id === current} />
              ))}
            </TableBody>
          </Table>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setAddOpen(true)}>Add Connection…</Button>
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => setListOpen(false)}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
