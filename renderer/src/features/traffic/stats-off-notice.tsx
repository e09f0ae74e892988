/**
 * Said over the traffic charts while vnmd's sampling is off: without it the charts stand still,
 * which reads as "no traffic". The setting is vnmd's, so it names who else it affects.
 */
import { Alert, Button } from '@mui/material';
import { useAppStore } from '@/stores/app-store';

export const STATS_OFF_SCOPE = 'for every window connected to this vnmd';

export function StatsOffNotice() {
  const off = useAppStore((s) => s.hostInfo?.statsInterval === 0);
  const openPreferences = useAppStore((s) => s.setPreferencesOpen);
  if (!off) return null;
  return (
    <Alert
      severity="info"
      action={
        <Button color="inherit" onClick={() => openPreferences(true)}>
          Preferences…
        </Button>
      }
    >
      Statistics are off {STATS_OFF_SCOPE}, so these charts do not move. Turn them on in Preferences.
    </Alert>
  );
}
