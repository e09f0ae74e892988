/** The selected network's sub-tabs: Details, XML, Traffic, DHCP Leases. */
import { Box, Tab, Tabs } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import type { NetworkSubTab } from '@/stores/types';
import { LeasesTab } from '@/features/leases/leases-tab';
import { TrafficTab } from '@/features/traffic/traffic-tab';
import { XmlTab } from '@/features/xml/xml-tab';
import { NetworkDetails } from '@/features/network-details/network-details';

export function NetworkPane({ network }: { readonly network: string }) {
  const subTab = useAppStore((s) => s.subTab);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <>
      <Tabs
        value={subTab}
        onChange={(_e, value: NetworkSubTab) => navigate({ kind: 'subtab', subTab: value })}
        aria-label={`Network ${network}`}
        sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
      >
        <Tab value="details" label="Details" />
        <Tab value="xml" label="XML" />
        <Tab value="traffic" label="Traffic" />
        <Tab value="leases" label="DHCP Leases" />
      </Tabs>
      <Box
        role="tabpanel"
        aria-label={tabLabel(subTab)}
        sx={{ flex: 1, overflow: 'auto', p: 2, minHeight: 0 }}
      >
        {subTab === 'details' ? <NetworkDetails key={network} network={network} /> : null}
        {subTab === 'xml' ? <XmlTab key={network} network={network} /> : null}
        {subTab === 'traffic' ? <TrafficTab key={network} network={network} /> : null}
        {subTab === 'leases' ? <LeasesTab key={network} network={network} /> : null}
      </Box>
    </>
  );
}

function tabLabel(tab: NetworkSubTab): string {
  return { details: 'Details', xml: 'XML', traffic: 'Traffic', leases: 'DHCP Leases' }[tab];
}
