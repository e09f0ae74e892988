/**
 * The Overview's host checks: what breaks every network at once (forwarding off, no default
 * route, another table's drop policy), each said once with its fix. "unknown" while vnmd has
 * not answered, never a reassuring "no problems" it did not say.
 */
import { Box, Typography } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import { FixText } from './fix-text';
import { StatusIcon, StatusMark } from './status-mark';

export const HOST_UNKNOWN = 'unknown';

export function HostFindings() {
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const findings = useAppStore((s) => s.findings);
  const error = useAppStore((s) => s.findingsError);
  if (!connected || !findings) {
    return (
      <Typography>
        {HOST_UNKNOWN}
        {connected && error ? ` (${error})` : ''}
      </Typography>
    );
  }
  if (findings.host.length === 0) {
    return (
      <Typography sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <StatusIcon status="ok" />
        No problems found on this host.
      </Typography>
    );
  }
  return (
    <Box component="ul" aria-label="Host problems" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {findings.host.map((f) => (
        <Box
          component="li"
          key={f.id}
          sx={{
            display: 'grid',
            gridTemplateColumns: 'max-content minmax(0, 1fr)',
            columnGap: 1.5,
            rowGap: 0.5,
            py: 0.75,
          }}
        >
          <StatusMark status={f.status} />
          <Typography sx={{ overflowWrap: 'anywhere' }}>{f.summary}</Typography>
          {f.fix ? (
            <Box sx={{ gridColumn: 2 }}>
              <FixText fix={f.fix} label="Fix" />
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
