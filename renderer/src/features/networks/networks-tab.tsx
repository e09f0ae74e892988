/** Virtual Networks: the list with its toolbar on the left, the selected network on the right. */
import { Box, Paper, Typography } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import { deferred } from '@/ui/deferred';
import { NetworkList } from './network-list';
import { NetworkToolbar } from './network-toolbar';

// The pane and its sub-tabs are a chunk of their own, mounted once the list is painted.
const NetworkPane = deferred(() => import('./network-pane').then((m) => m.NetworkPane));

/** Points to Add network only while it can be pressed. */
export function emptyPaneText(connected: boolean): string {
  return connected
    ? 'Select a network, or add one with Add network.'
    : 'No network selected. Networks can be added once vnm is connected to vnmd.';
}

export function NetworksTab() {
  const selected = useAppStore((s) => s.selected);
  const exists = useAppStore((s) => s.networks.some((n) => n.name === selected));
  const connected = useAppStore((s) => s.connection.state === 'connected');
  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0, gap: 1.5, p: 1.5 }}>
      <Paper variant="outlined" sx={{ width: 300, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <NetworkToolbar />
        <NetworkList />
      </Paper>
      <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        {selected && exists ? (
          <NetworkPane network={selected} />
        ) : (
          <Typography color="textSecondary" sx={{ m: 'auto', px: 2, textAlign: 'center' }}>
            {emptyPaneText(connected)}
          </Typography>
        )}
      </Paper>
    </Box>
  );
}
