/**
 * Says the window is not connected to vnmd while it is not: it has not reached vnmd yet (the
 * window opened before vnmd was up), it lost a connection it had, or vnmd runs but refuses
 * this account (not in group vnm), where "check that vnmd is running" would send the person
 * the wrong way. It goes away by itself once connected.
 */
import { Alert, AlertTitle, Button, LinearProgress, Typography } from '@mui/material';
import type { ConnectionStatus } from '@shared/api/contract';
import { useAppStore } from '@/stores/app-store';
import { connectConnection } from '@/features/connections/connections-store';
import { pageConnectionId } from '@/features/connections/page-connection';

type Phase = 'first-try' | 'not-yet' | 'lost' | 'denied' | 'failed' | 'disconnected';

function phaseOf(status: ConnectionStatus): Phase {
  if (status.state === 'failed' || status.state === 'disconnected') return status.state;
  if (status.denied) return 'denied';
  if (status.state !== 'connecting') return 'lost';
  return status.attempt ? 'not-yet' : 'first-try';
}

/** Why, in the main process's words; once it has retried, how many tries have failed. */
function detail(status: ConnectionStatus): string {
  if (!status.reason) return '';
  const reason = status.reason.replace(/\.?$/, '.');
  // 'connecting' counts every failed try; 'reconnecting' counts from the loss, which was one.
  const tries = (status.attempt ?? 0) - (status.state === 'connecting' ? 0 : 1);
  if (status.state !== 'connecting' && status.state !== 'reconnecting') return `Cause: ${reason}`;
  if (status.denied || tries < 1) return `Cause: ${reason}`;
  return `Tried ${tries} ${tries === 1 ? 'time' : 'times'} so far; last error: ${reason}`;
}

const TITLES: Record<Phase, string> = {
  'first-try': 'Connecting to vnmd…',
  'not-yet': 'Not connected to vnmd yet',
  lost: 'Connection to vnmd lost',
  denied: 'No access to vnmd',
  failed: 'Could not connect',
  disconnected: 'Not connected',
};

const BODIES: Record<Phase, string | null> = {
  'first-try': null,
  'not-yet':
    'vnm keeps trying and fills this window in once vnmd answers; check that vnmd is running. ' +
    'Until then nothing here is known, and networks cannot be added or changed.',
  lost:
    'vnm reconnects by itself and updates this window when vnmd is back. Until then the window ' +
    'shows what vnmd last reported, and changes to networks are unavailable.',
  denied:
    'vnmd is running, but this account may not use it, so nothing here is known and networks cannot ' +
    'be added or changed. Waiting does not help: do what the line below says, then start vnm again.',
  failed:
    'vnm stopped trying, because waiting would not help: do what the line below says, then press Connect. ' +
    'Until then nothing here is known.',
  disconnected: 'This connection is closed, so nothing here is known. Press Connect to open it.',
};

const SEVERITIES: Record<Phase, 'info' | 'warning' | 'error'> = {
  'first-try': 'info',
  'not-yet': 'info',
  lost: 'warning',
  denied: 'error',
  failed: 'error',
  disconnected: 'info',
};

export function ConnectionBanner() {
  const status = useAppStore((s) => s.connection);
  if (status.state === 'connected') return null;
  const phase = phaseOf(status);
  const why = detail(status);
  return (
    <Alert
      severity={SEVERITIES[phase]}
      square
      sx={{ borderRadius: 0 }}
      role="status"
      action={
        phase === 'failed' || phase === 'disconnected' ? (
          <Button color="inherit" size="small" onClick={() => connectConnection(pageConnectionId())}>
            Connect
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{TITLES[phase]}</AlertTitle>
      {BODIES[phase]}
      {why ? (
        <Typography variant="body2" sx={{ mt: 0.5, opacity: 0.8, overflowWrap: 'anywhere' }}>
          {why}
        </Typography>
      ) : null}
      {phase === 'denied' || phase === 'failed' || phase === 'disconnected' ? null : (
        <LinearProgress sx={{ mt: 1 }} aria-label={phase === 'lost' ? 'Reconnecting' : 'Connecting'} />
      )}
    </Alert>
  );
}
