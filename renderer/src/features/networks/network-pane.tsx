/**
 * The selected network's sub-tabs. One table says what they are: a new sub-tab is one row
 * here (and its value in NetworkSubTab), nothing else.
 */
import type { ComponentType } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import type { NetworkSubTab } from '@/stores/types';
import { LeasesTab } from '@/features/leases/leases-tab';
import { TrafficTab } from '@/features/traffic/traffic-tab';
import { XmlTab } from '@/features/xml/xml-tab';
import { NetworkDetails } from '@/features/network-details/network-details';

interface SubTab {
  readonly value: NetworkSubTab;
  readonly label: string;
  readonly Panel: ComponentType<{ readonly network: string }>;
}

export const SUB_TABS: readonly SubTab[] = [
  { value: 'details', label: 'Details', Panel: NetworkDetails },
  { value: 'xml', label: 'XML', Panel: XmlTab },
  { value: 'traffic', label: 'Traffic', Panel: TrafficTab },
  { value: 'leases', label: 'DHCP Leases', Panel: LeasesTab },
];

export function NetworkPane({ network }: { readonly network: string }) {
  const subTab = useAppStore((s) => s.subTab);
  const navigate = useAppStore((s) => s.navigate);
  const current = SUB_TABS.find((t) => t.value === subTab) ?? SUB_TABS[0]!;
  return (
    <>
      <Tabs
        value={current.value}
        onChange={(_e, value: NetworkSubTab) => navigate({ kind: 'subtab', subTab: value })}
        aria-label={`Network ${network}`}
        sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
      >
        {SUB_TABS.map((t) => (
          <Tab key={t.value} value={t.value} label={t.label} />
        ))}
      </Tabs>
      <Box role="tabpanel" aria-label={current.label} sx={{ flex: 1, overflow: 'auto', p: 2, minHeight: 0 }}>
        {/* Keyed by network: a panel's local state never carries over to another network. */}
        <current.Panel key={network} network={network} />
      </Box>
    </>
  );
}
