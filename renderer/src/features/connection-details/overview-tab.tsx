/** Overview: what host this is, how its firewall and forwarding stand, and all traffic at once. */
import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import { statsStore } from '@/stores/stats-store';
import { LazyTrafficChart as TrafficChart } from '@/features/traffic/lazy-traffic-chart';
import { Fact, FactGrid } from '@/features/network-details/fact-grid';

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

export function OverviewTab() {
  const host = useAppStore((s) => s.hostInfo);
  const uri = useAppStore((s) => s.connection.uri);
  const app = useAppStore((s) => s.appInfo);
  const networks = useAppStore((s) => s.networks);
  const interfaces = useAppStore((s) => s.interfaces.length);
  const active = networks.filter((n) => n.active).length;
  return (
    <Box sx={{ flex: 1, overflow: 'auto', p: 1.5 }}>
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
        <Section title="Host">
          <FactGrid>
            <Fact label="Hostname" value={host?.hostname ?? '—'} />
            <Fact label="Kernel" value={host?.kernel ?? '—'} />
            <Fact label="Connection" value={uri ? uri.replaceAll('/', '/\u200b') : '—'} />
            <Fact label="vnmd version" value={host?.vnmdVersion ?? '—'} />
            <Fact label="dnsmasq" value={host?.dnsmasqVersion ?? 'not found'} />
            <Fact label="nftables" value={host?.nftVersion ?? 'not found'} />
            <Fact label="vnm" value={app ? `${app.version} (${app.shell} shell)` : '—'} />
          </FactGrid>
        </Section>
        <Section title="Firewall and forwarding">
          <FactGrid>
            <Fact label="Firewall backend" value={host?.firewallBackend ?? '—'} />
            <Fact label="IPv4 forwarding" value={host ? onOff(host.ipv4Forwarding) : '—'} />
            <Fact label="IPv6 forwarding" value={host ? onOff(host.ipv6Forwarding) : '—'} />
            <Fact
              label="Statistics"
              value={host ? (host.statsInterval > 0 ? `every ${host.statsInterval} s` : 'off') : '—'}
            />
          </FactGrid>
        </Section>
        <Section title="Counts">
          <FactGrid>
            <Fact
              label="Virtual networks"
              value={`${networks.length} (${active} active, ${networks.length - active} inactive)`}
            />
            <Fact label="Host interfaces" value={String(interfaces)} />
          </FactGrid>
        </Section>
      </Box>
      <Stack sx={{ mt: 1.5 }}>
        <Section title="Traffic of all networks">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            The sum over every running network’s guest ports. Received is what the guests sent; Sent is what
            they received.
          </Typography>
          <TrafficChart series={() => statsStore.aggregate} rxLabel="Received" txLabel="Sent" height={200} />
        </Section>
      </Stack>
    </Box>
  );
}
