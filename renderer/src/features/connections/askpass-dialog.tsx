/**
 * What ssh asks while connecting, shown to the person: a password or passphrase (typed
 * hidden, passed to ssh and forgotten), or an unknown host key with its fingerprint, which
 * is accepted only by the person's click, never silently.
 */
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { AskpassRequest } from '@shared/api/contract';
import { answerAskpass, useConnections } from './connections-store';

const isHostKeyQuestion = (r: AskpassRequest) => /\(yes\/no/.test(r.prompt);

function SecretForm({ request }: { request: AskpassRequest }) {
  const [value, setValue] = useState('');
  const label = /passphrase/i.test(request.prompt) ? 'Passphrase' : 'Password';
  const send = (answer: string | null) => {
    setValue('');
    answerAskpass(request.id, answer);
  };
  return (
    <>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {request.prompt.trim()}
          </Typography>
          <TextField
            label={label}
            type="password"
            value={value}
            autoFocus
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') send(value);
            }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => send(null)}>Cancel</Button>
        <Button variant="contained" onClick={() => send(value)}>
          OK
        </Button>
      </DialogActions>
    </>
  );
}

function HostKeyForm({ request }: { request: AskpassRequest }) {
  return (
    <>
      <DialogContent>
        <Typography
          variant="body2"
          sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'monospace' }}
        >
          {request.prompt.trim()}
        </Typography>
        <Typography variant="body2" sx={{ mt: 2 }}>
          Accept only if this fingerprint is the one the host shows (ssh-keygen -lf
          /etc/ssh/ssh_host_ed25519_key.pub on it). Once accepted, it is remembered in your known_hosts, as
          ssh does.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => answerAskpass(request.id, 'no')}>Reject</Button>
        <Button variant="contained" onClick={() => answerAskpass(request.id, 'yes')}>
          Accept host key
        </Button>
      </DialogActions>
    </>
  );
}

export function AskpassDialog() {
  const request = useConnections((s) => s.askpass[0]);
  if (!request) return null;
  return (
    <Dialog open aria-labelledby="askpass-title" maxWidth="sm" fullWidth>
      <DialogTitle id="askpass-title">ssh asks, for {request.connection}</DialogTitle>
      {isHostKeyQuestion(request) ? (
        <HostKeyForm key={request.id} request={request} />
      ) : (
        <SecretForm key={request.id} request={request} />
      )}
    </Dialog>
  );
}
