/** Preferences: how often vnmd samples traffic (or not at all), and the theme. */
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  InputLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import type { ThemePreference } from '@shared/api/contract';
import { useAppStore } from '@/stores/app-store';
import { STATS_OFF_SCOPE } from '@/features/traffic/stats-off-notice';

export const INTERVALS = [0.5, 1, 2, 5, 10, 30, 60] as const;
const DEFAULT_INTERVAL = 1;

/** vnmd's sampling: on or off, and how often. */
function StatsSettings() {
  const interval = useAppStore((s) => s.hostInfo?.statsInterval ?? null);
  const setStatsInterval = useAppStore((s) => s.setStatsInterval);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const on = interval !== null && interval > 0;
  return (
    <Stack spacing={1.5}>
      <FormControlLabel
        control={
          <Switch
            checked={on}
            disabled={!connected || interval === null}
            onChange={(e) => void setStatsInterval(e.target.checked ? DEFAULT_INTERVAL : null)}
          />
        }
        label="Collect traffic statistics"
      />
      <FormControl disabled={!connected || !on}>
        <InputLabel id="interval-label">Update interval</InputLabel>
        <Select
          labelId="interval-label"
          label="Update interval"
          value={on ? interval : DEFAULT_INTERVAL}
          onChange={(e) => void setStatsInterval(Number(e.target.value))}
        >
          {INTERVALS.map((s) => (
            <MenuItem key={s} value={s}>
              {s} s
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Typography variant="caption" color="textSecondary">
        This is vnmd’s setting, not this window’s: vnmd samples every running network at this interval{' '}
        {STATS_OFF_SCOPE}, and turning it off stops the traffic charts in all of them.
      </Typography>
      {interval === 0 ? <Alert severity="info">Statistics are off {STATS_OFF_SCOPE}.</Alert> : null}
    </Stack>
  );
}

export function PreferencesDialog() {
  const open = useAppStore((s) => s.preferencesOpen);
  const setOpen = useAppStore((s) => s.setPreferencesOpen);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="prefs-title" maxWidth="xs" fullWidth>
      <DialogTitle id="prefs-title">Preferences</DialogTitle>
      <DialogContent>
        <Stack spacing={3} sx={{ pt: 1 }}>
          <StatsSettings />
          <FormControl>
            <FormLabel id="theme-label">Theme</FormLabel>
            <RadioGroup
              row
              aria-labelledby="theme-label"
              value={theme}
              onChange={(e) => setTheme(e.target.value as ThemePreference)}
            >
              <FormControlLabel value="system" control={<Radio />} label="System" />
              <FormControlLabel value="light" control={<Radio />} label="Light" />
              <FormControlLabel value="dark" control={<Radio />} label="Dark" />
            </RadioGroup>
          </FormControl>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setOpen(false)} variant="contained">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
