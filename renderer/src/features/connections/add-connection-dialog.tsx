/**
 * Add Connection, as virt-manager's: an SSH host, user, port and key file, "Connect
 * automatically", and the URI it makes (the same one `vnm -c` takes). Passwords are never
 * asked here: ssh asks when it needs one (askpass-dialog.tsx), and nothing secret is kept.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { NewSshConnection } from '@shared/api/contract';
import { sshUriOf } from '@shared/api/ssh-uri';
import { addConnection, setAddOpen, useConnections } from './connections-store';

interface Fields {
  host: string;
  user: string;
  port: string;
  keyfile: string;
  autoconnect: boolean;
}

const EMPTY: Fields = { host: '', user: '', port: '', keyfile: '', autoconnect: true };

function toRequest(f: Fields): NewSshConnection {
  const port = f.port.trim() === '' ? undefined : Number(f.port);
  return {
    host: f.host,
    user: f.user || undefined,
    port,
    keyfile: f.keyfile || undefined,
    autoconnect: f.autoconnect,
  };
}

/** The URI, or why the fields do not make one yet. */
function preview(f: Fields): { uri: string | null; problem: string | null } {
  if (f.host.trim() === '') return { uri: null, problem: null };
  try {
    return { uri: sshUriOf(toRequest(f)), problem: null };
  } catch (err) {
    return { uri: null, problem: err instanceof Error ? err.message : String(err) };
  }
}

export function AddConnectionDialog() {
  const open = useConnections((s) => s.addOpen);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { uri, problem } = preview(fields);
  const set = (patch: Partial<Fields>) => {
    setFields((f) => ({ ...f, ...patch }));
    setError(null);
  };
  const close = () => {
    setAddOpen(false);
    setFields(EMPTY);
    setError(null);
  };
  const submit = async () => {
    setBusy(true);
    const err = await addConnection(toRequest(fields));
    setBusy(false);
    if (err) setError(err instanceof Error ? err.message : 'vnm could not add the connection.');
    else setFields(EMPTY);
  };
  return (
    <Dialog open={open} onClose={close} aria-labelledby="add-connection-title" maxWidth="sm" fullWidth>
      <DialogTitle id="add-connection-title">Add Connection</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="textSecondary">
            Connect to vnmd on another machine over SSH. That machine needs vnm installed, and its user needs
            access to vnmd (the vnm group, as for libvirt’s).
          </Typography>
          <TextField
            label="Hostname"
            value={fields.host}
            onChange={(e) => set({ host: e.target.value })}
            autoFocus
            required
            error={problem !== null}
            helperText={problem ?? 'A host name or address that ssh can reach.'}
          />
          <Stack direction="row" spacing={2}>
            <TextField
              label="Username"
              value={fields.user}
              onChange={(e) => set({ user: e.target.value })}
              helperText="Empty: ssh's default."
              sx={{ flex: 2 }}
            />
            <TextField
              label="Port"
              value={fields.port}
              onChange={(e) => set({ port: e.target.value.replace(/[^0-9]/g, '') })}
              placeholder="22"
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              sx={{ flex: 1 }}
            />
          </Stack>
          <TextField
            label="Key file"
            value={fields.keyfile}
            onChange={(e) => set({ keyfile: e.target.value })}
            helperText="Optional: a private key on this machine, such as /home/you/.ssh/id_ed25519."
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={fields.autoconnect}
                onChange={(e) => set({ autoconnect: e.target.checked })}
              />
            }
            label="Connect automatically"
          />
          <div>
            <Typography variant="caption" color="textSecondary">
              Generated URI (vnm -c takes the same)
            </Typography>
            <Typography
              variant="body2"
              aria-label="Generated URI"
              sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
            >
              {uri ?? '—'}
            </Typography>
          </div>
          {error ? <Alert severity="error">{error}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={uri === null || busy}>
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}
