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
import { ForwardsTab } from '@/features/forwards/forwards-tab';
import type { NetworkSummary } from '@shared/rpc/contract';

interface SubTab {
  readonly value: NetworkSubTab;
  readonly label: string;
  readonly Panel: ComponentType<{ readonly network: string }>;
  /** Absent: every network has this sub-tab. */
  readonly shownFor?: (network: NetworkSummary) => boolean;
}

export const SUB_TABS: readonly SubTab[] = [
  { value: 'details', label: 'Details', Panel: NetworkDetails },
  { value: 'xml', label: 'XML', Panel: XmlTab },
  { value: 'traffic', label: 'Traffic', Panel: TrafficTab },
  { value: 'leases', label: 'DHCP Leases', Panel: LeasesTab },
  // A routed network's guests are reachable directly; only NAT hides them behind the host.
  { value: 'forwards', label: 'Port Forwarding', Panel: ForwardsTab, shownFor: (n) => n.kind === 'nat' },
];

export function NetworkPane({ network }: { readonly network: string }) {
  const subTab = useAppStore((s) => s.subTab);
  const navigate = useAppStore((s) => s.navigate);
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const tabs = SUB_TABS.filter((t) => !t.shownFor || (summary && t.shownFor(summary)));
  const current = tabs.find((t) => t.value === subTab) ?? tabs[0]!;
  return (
    <>
      <Tabs
        value={current.value}
        onChange={(_e, value: NetworkSubTab) => navigate({ kind: 'subtab', subTab: value })}
        aria-label={`Network ${network}`}
        sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
      >
        {tabs.map((t) => (
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
