/** Overview: what host this is, how its firewall and forwarding stand, and all traffic at once. */
import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import { statsStore } from '@/stores/stats-store';
import { LazyTrafficChart as TrafficChart } from '@/features/traffic/lazy-traffic-chart';
import { Fact, FactGrid } from '@/features/network-details/fact-grid';
import { StatsOffNotice } from '@/features/traffic/stats-off-notice';
import { GUESTS_POINT_OF_VIEW, GUESTS_RECEIVED, GUESTS_SENT } from '@/features/traffic/directions';
import { HostFindings } from '@/features/diagnose/host-findings';

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

const onOff = (v: boolean) => (v ? 'Enabled' : 'Disabled');

/** Said of a fact vnmd has not reported (not connected yet): never a guess such as "0" or "not found". */
export const UNKNOWN = 'unknown';

function networkCount(networks: readonly { readonly active: boolean }[], loaded: boolean): string {
  if (!loaded) return UNKNOWN;
  const active = networks.filter((n) => n.active).length;
  return `${networks.length} (${active} active, ${networks.length - active} inactive)`;
}

export function OverviewTab() {
  const host = useAppStore((s) => s.hostInfo);
  const uri = useAppStore((s) => s.connection.uri);
  const app = useAppStore((s) => s.appInfo);
  const networks = useAppStore((s) => s.networks);
  const networksLoaded = useAppStore((s) => s.networksLoaded);
  const interfaces = useAppStore((s) => s.interfaces.length);
  // Host facts and interfaces are read together on connection: no host facts, no count either.
  const known = <T,>(read: (h: NonNullable<typeof host>) => T, show: (v: T) => string) =>
    host ? show(read(host)) : UNKNOWN;
  return (
    <Box sx={{ flex: 1, overflow: 'auto', p: 1.5 }}>
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
        <Section title="Host">
          <FactGrid>
            <Fact label="Hostname" value={known((h) => h.hostname, String)} />
            <Fact label="Kernel" value={known((h) => h.kernel, String)} />
            <Fact label="Connection" value={uri ? uri.replaceAll('/', '/\u200b') : '—'} />
            <Fact label="vnmd version" value={known((h) => h.vnmdVersion, String)} />
            <Fact
              label="dnsmasq"
              value={known(
                (h) => h.dnsmasqVersion,
                (v) => v ?? 'not found',
              )}
            />
            <Fact
              label="nftables"
              value={known(
                (h) => h.nftVersion,
                (v) => v ?? 'not found',
              )}
            />
            <Fact label="vnm" value={app ? `${app.version} (${app.shell} shell)` : '—'} />
          </FactGrid>
        </Section>
        <Section title="Firewall and forwarding">
          <FactGrid>
            <Fact label="Firewall backend" value={known((h) => h.firewallBackend, String)} />
            <Fact label="IPv4 forwarding" value={known((h) => h.ipv4Forwarding, onOff)} />
            <Fact label="IPv6 forwarding" value={known((h) => h.ipv6Forwarding, onOff)} />
            <Fact
              label="Statistics"
              value={known(
                (h) => h.statsInterval,
                (v) => (v > 0 ? `every ${v} s` : 'off'),
              )}
            />
          </FactGrid>
        </Section>
        <Section title="Counts">
          <FactGrid>
            <Fact label="Virtual networks" value={networkCount(networks, networksLoaded)} />
            <Fact label="Host interfaces" value={known(() => interfaces, String)} />
          </FactGrid>
        </Section>
      </Box>
      <Stack sx={{ mt: 1.5 }} spacing={1.5}>
        <Section title="Host checks">
          <HostFindings />
        </Section>
        <Section title="Traffic of all networks">
          <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
            The sum over every running network’s guest ports. {GUESTS_POINT_OF_VIEW}
          </Typography>
          <StatsOffNotice />
          <TrafficChart
            series={() => statsStore.aggregate}
            rxLabel={GUESTS_SENT}
            txLabel={GUESTS_RECEIVED}
            height={200}
          />
        </Section>
      </Stack>
    </Box>
  );
}
