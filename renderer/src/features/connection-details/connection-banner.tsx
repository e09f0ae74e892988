/** Says the connection to vnmd is gone while it is; it goes away by itself on reconnection. */
import { Alert, AlertTitle, LinearProgress, Typography } from '@mui/material';
import type { ConnectionStatus } from '@shared/api/contract';
import { useAppStore } from '@/stores/app-store';

/** Why, in the main process's words; once it has retried, how many tries have failed. */
function detail(status: ConnectionStatus): string {
  if (!status.reason) return '';
  const reason = status.reason.replace(/\.?$/, '.');
  const tries = (status.attempt ?? 0) - 1;
  if (status.state !== 'reconnecting' || tries < 1) return `Cause: ${reason}`;
  return `Tried ${tries} ${tries === 1 ? 'time' : 'times'} so far; last error: ${reason}`;
}

export function ConnectionBanner() {
  const status = useAppStore((s) => s.connection);
  if (status.state === 'connected') return null;
  const connecting = status.state === 'connecting';
  const why = detail(status);
  return (
    <Alert severity={connecting ? 'info' : 'warning'} square sx={{ borderRadius: 0 }} role="status">
      <AlertTitle>{connecting ? 'Connecting to vnmd…' : 'Connection to vnmd lost'}</AlertTitle>
      {connecting
        ? null
        : 'vnm reconnects by itself and updates this window when vnmd is back. Until then the window ' +
          'shows what vnmd last reported, and changes to networks are unavailable.'}
      {why ? (
        <Typography variant="body2" sx={{ mt: 0.5, opacity: 0.8, overflowWrap: 'anywhere' }}>
          {why}
        </Typography>
      ) : null}
      <LinearProgress sx={{ mt: 1 }} aria-label="Reconnecting" />
    </Alert>
  );
}
