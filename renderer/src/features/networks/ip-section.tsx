/** One address family of a network: network, DHCP range, forwarding and static hosts. */
import { Stack, Typography } from '@mui/material';
import type { IpFacts, NetworkFacts } from '../../lib/network-xml';
import { kindLabel } from '../../lib/format';
import { Fact, FactGrid } from './fact-grid';

export function forwardingText(facts: Pick<NetworkFacts, 'forwardMode' | 'forwardDev'>): string {
  if (facts.forwardMode === 'isolated') return 'Isolated network, internal and host routing only';
  const to = facts.forwardDev ? `device ${facts.forwardDev}` : 'any physical device';
  return `${kindLabel(facts.forwardMode)} to ${to}`;
}

function networkOf(ip: IpFacts, subnets: readonly string[]): string {
  const prefix = ip.address.split('/')[1];
  const family = ip.family === 'ipv6' ? ':' : '.';
  return subnets.find((s) => s.includes(family) && s.endsWith(`/${prefix}`)) ?? ip.address;
}

export interface IpSectionProps {
  readonly title: string;
  readonly ips: readonly IpFacts[];
  readonly facts: NetworkFacts;
  readonly subnets: readonly string[];
}

export function IpSection({ title, ips, facts, subnets }: IpSectionProps) {
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      {ips.length === 0 ? (
        <Typography color="text.secondary">Not configured.</Typography>
      ) : (
        ips.map((ip) => (
          <FactGrid key={ip.address}>
            <Fact label="Network" value={networkOf(ip, subnets)} />
            <Fact label="Gateway" value={ip.address.split('/')[0] ?? ''} />
            <Fact
              label="DHCP range"
              value={
                ip.dhcpRanges.length
                  ? ip.dhcpRanges.map((r) => `${r.start} – ${r.end}`).join(', ')
                  : 'Disabled'
              }
            />
            <Fact label="Forwarding" value={forwardingText(facts)} />
            <Fact
              label="Static hosts"
              value={
                ip.hosts.length
                  ? ip.hosts.map((h) => [h.name, h.mac, h.ip].filter(Boolean).join(' ')).join('; ')
                  : 'None'
              }
            />
          </FactGrid>
        ))
      )}
    </Stack>
  );
}
