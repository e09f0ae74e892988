/**
 * The Details sub-tab: facts about the network, and its editable fields. The fields show the
 * saved (inactive) definition of a persistent network, the one Apply saves, and say so; the
 * running definition is what Apply changes live (apply-draft.ts). A transient network has
 * only its running one, shown read-only.
 */
import { useEffect } from 'react';
import { Alert, Stack, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import { parseNetworkXml } from '@shared/xml';
import { draftFromDef } from './details-draft';
import { stateLabel, yesNo } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { DetailsForm } from './details-form';
import { useDraftStore } from './draft-store';
import { Fact, FactGrid } from './fact-grid';
import { useNetworkXml } from '@/stores/use-network-xml';
import { SavedChangesNotice } from './saved-changes';
import { DetailsProblemLine } from '@/features/diagnose/problem-line';
import { DnsmasqOptionsNotice } from './dnsmasq-options-notice';

/** The definition, or the reason it cannot be read; null while the XML is loading. */
function definitionOf(xml: string | null): { def: NetworkDef } | { problem: string } | null {
  if (!xml) return null;
  const parsed = parseNetworkXml(xml);
  if (parsed.ok) return { def: parsed.def };
  return { problem: parsed.errors[0]?.message ?? 'it is not a network definition' };
}

export function NetworkDetails({ network }: { readonly network: string }) {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const info = useAppStore((s) => s.infos[network]);
  const draft = useDraftStore((s) => (s.draft?.network === network ? s.draft : null));
  const refreshNetwork = useAppStore((s) => s.refreshNetwork);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const { xml, error } = useNetworkXml(network, summary?.persistent ?? false);
  const live = useNetworkXml(network, false);
  useEffect(() => void refreshNetwork(network), [network, refreshNetwork]);

  if (!summary) return null;
  const read = definitionOf(xml);
  const running = summary.active ? definitionOf(live.xml) : null;
  return (
    <Stack spacing={2.5} sx={{ maxWidth: 760 }}>
      <DetailsProblemLine network={network} />
      {error ? (
        <Alert severity="error">Could not read the network’s XML: {String((error as Error).message)}</Alert>
      ) : null}
      {read && 'problem' in read ? (
        <Alert severity="error">
          The network’s XML cannot be shown here: {read.problem} Fix it in the XML tab.
        </Alert>
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
      {read && 'def' in read ? <DnsmasqOptionsNotice options={read.def.dnsmasqOptions} /> : null}
      {summary.persistent ? <SavedChangesNotice network={network} /> : null}
      {read && 'def' in read ? (
        <DetailsForm
          summary={summary}
          def={read.def}
          running={running && 'def' in running ? running.def : null}
          current={draftFromDef(network, summary.autostart, read.def)}
          draft={draft}
        />
      ) : !read && !error && !connected ? (
        <Typography color="textSecondary">
          The rest of the details (addresses, DHCP, forwarding) show when vnmd is back.
        </Typography>
      ) : null}
    </Stack>
  );
}
