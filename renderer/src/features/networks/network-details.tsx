/** The Details sub-tab: facts about the network, and the few fields that can be edited here. */
import { useEffect } from 'react';
import { Alert, Stack, Typography } from '@mui/material';
import { readNetworkXml } from '../../lib/network-xml';
import type { NetworkFacts } from '../../lib/network-xml';
import { stateLabel, yesNo } from '../../lib/format';
import { useAppStore } from '../../stores/app-store';
import type { DetailsDraft } from '../../stores/types';
import { DetailsForm } from './details-form';
import { Fact, FactGrid } from './fact-grid';
import { IpSection } from './ip-section';
import { useNetworkXml } from './use-network-xml';

/** The facts, or null while the XML is loading or when it cannot be read (the error shows). */
function factsOf(xml: string | null): NetworkFacts | null {
  try {
    return xml ? readNetworkXml(xml) : null;
  } catch {
    return null;
  }
}

function currentValues(network: string, autostart: boolean, facts: NetworkFacts | null): DetailsDraft {
  return { network, autostart, domain: facts?.domain ?? '', mtu: facts?.mtu ? String(facts.mtu) : '' };
}

export function NetworkDetails({ network }: { readonly network: string }) {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const info = useAppStore((s) => s.infos[network]);
  const draft = useAppStore((s) => (s.draft?.network === network ? s.draft : null));
  const refreshNetwork = useAppStore((s) => s.refreshNetwork);
  const { xml, error } = useNetworkXml(network);
  useEffect(() => void refreshNetwork(network), [network, refreshNetwork]);

  if (!summary) return null;
  const facts = factsOf(xml);
  const current = currentValues(network, summary.autostart, facts);

  return (
    <Stack spacing={2} sx={{ maxWidth: 760 }}>
      {error ? (
        <Alert severity="error">Could not read the network’s XML: {String((error as Error).message)}</Alert>
      ) : null}
      <Typography variant="h6" component="h2">
        Basic details
      </Typography>
      <FactGrid>
        <Fact label="Name" value={summary.name} />
        <Fact label="UUID" value={summary.uuid} mono />
        <Fact label="Device" value={summary.bridge ?? '—'} />
        <Fact label="State" value={stateLabel(summary)} />
        <Fact label="Persistent" value={yesNo(summary.persistent)} />
        <Fact label="Guests attached" value={info ? String(info.connections) : '—'} />
      </FactGrid>
      {summary.problem ? <Alert severity="warning">{summary.problem}</Alert> : null}
      <DetailsForm summary={summary} current={current} draft={draft} />
      {facts ? <IpSections facts={facts} subnets={info?.subnets ?? []} /> : null}
    </Stack>
  );
}

function IpSections({
  facts,
  subnets,
}: {
  readonly facts: NetworkFacts;
  readonly subnets: readonly string[];
}) {
  const v4 = facts.ips.filter((ip) => ip.family === 'ipv4');
  const v6 = facts.ips.filter((ip) => ip.family === 'ipv6');
  return (
    <>
      <IpSection title="IPv4 configuration" ips={v4} facts={facts} subnets={subnets} />
      <IpSection title="IPv6 configuration" ips={v6} facts={facts} subnets={subnets} />
    </>
  );
}
