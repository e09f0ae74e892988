/** Says the connection to vnmd is gone while it is; it goes away by itself on reconnection. */
import { Alert, AlertTitle, LinearProgress } from '@mui/material';
import { useAppStore } from '../../stores/app-store';

export function ConnectionBanner() {
  const status = useAppStore((s) => s.connection);
  if (status.state === 'connected') return null;
  const connecting = status.state === 'connecting';
  const title = connecting ? 'Connecting to vnmd…' : 'Connection to vnmd lost';
  const attempt = status.attempt ? ` (attempt ${status.attempt})` : '';
  return (
    <Alert severity={connecting ? 'info' : 'warning'} square sx={{ borderRadius: 0 }} role="status">
      <AlertTitle>{title}</AlertTitle>
      {status.reason ? `${status.reason}. ` : ''}
      {connecting ? '' : `Reconnecting by itself${attempt}; the window updates when vnmd is back.`}
      <LinearProgress sx={{ mt: 1 }} aria-label="Reconnecting" />
    </Alert>
  );
}
