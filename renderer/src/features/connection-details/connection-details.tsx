/** The main window, as virt-manager's Connection Details: Overview, Virtual Networks, Host Interfaces. */
import { Box, Button, Chip, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import SettingsIcon from '@mui/icons-material/Settings';
import HubIcon from '@mui/icons-material/Hub';
import { useAppStore } from '@/stores/app-store';
import type { MainTab } from '@/stores/types';
import { NetworksTab } from '@/features/networks/networks-tab';
import { setListOpen, usePageConnection } from '@/features/connections/connections-store';
import { deferred } from '@/ui/deferred';
import { ConnectionBanner } from './connection-banner';

// Virtual Networks is the tab the window opens on; the other two load after it is painted.
const OverviewTab = deferred(() => import('./overview-tab').then((m) => m.OverviewTab));
const HostInterfacesTab = deferred(() =>
  import('@/features/host-interfaces/host-interfaces-tab').then((m) => m.HostInterfacesTab),
);

export function ConnectionDetails() {
  const tab = useAppStore((s) => s.tab);
  const navigate = useAppStore((s) => s.navigate);
  const hostname = useAppStore((s) => s.hostInfo?.hostname);
  const openPreferences = useAppStore((s) => s.setPreferencesOpen);
  const page = usePageConnection();
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <Toolbar
        variant="dense"
        sx={{ gap: 2, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
      >
        <Typography component="h1" variant="subtitle1" sx={{ fontWeight: 600 }}>
          {hostname ? `${hostname} — Connection Details` : 'Connection Details'}
        </Typography>
        {page && !page.local ? (
          <Chip size="small" label={`SSH: ${page.name}`} aria-label={`Connection: ${page.name}`} />
        ) : null}
        <Tabs
          value={tab}
          onChange={(_e, value: MainTab) => navigate({ kind: 'tab', tab: value })}
          aria-label="Connection Details"
          sx={{ flex: 1 }}
        >
          <Tab value="overview" label="Overview" />
          <Tab value="networks" label="Virtual Networks" />
          <Tab value="interfaces" label="Host Interfaces" />
        </Tabs>
        <Button startIcon={<HubIcon />} onClick={() => setListOpen(true)}>
          Connections
        </Button>
        <Button startIcon={<SettingsIcon />} onClick={() => openPreferences(true)}>
          Preferences
        </Button>
      </Toolbar>
      <ConnectionBanner />
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
        {tab === 'overview' ? <OverviewTab /> : null}
        {tab === 'networks' ? <NetworksTab /> : null}
        {tab === 'interfaces' ? <HostInterfacesTab /> : null}
      </Box>
    </Box>
  );
}
