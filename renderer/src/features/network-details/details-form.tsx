/**
 * The editable part of Details: On Boot, Domain, MTU, forwarding and the IPv4 and IPv6
 * sections, applied together with Apply (apply-bar.tsx). Problems show on their fields as
 * they are typed, all at once, and Apply waits until there are none. A network on the host's
 * bridge or devices (Bridge mode, macvtap, hostdev) has none of vnm's addresses, DNS or MTU:
 * it shows On Boot and what it does have (unmanaged-fields.tsx). An OVN network shows On Boot
 * and its OVN settings (ovn-details.tsx): its addresses are OVN's, and its bridge is br-int.
 */
import { Box, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import { isManagedBridgeKind, isOvnNetwork, networkKind } from '@shared/model/network';
import type { NetworkSummary } from '@shared/rpc/contract';
import type { DetailsDraft } from './details-draft';
import { FAMILIES, sameDraft } from './details-draft';
import { draftProblems, problemText } from './details-problems';
import { ApplyBar } from './apply-bar';
import { ForwardEditor } from './forward-editor';
import { GuestIsolation } from './guest-isolation';
import { BandwidthFacts } from './bandwidth-facts';
import { IpEditor } from './ip-editor';
import type { SectionProps } from './section-props';
import { useDraftStore } from './draft-store';
import { UnmanagedFields } from './unmanaged-fields';
import { OvnDetails } from './ovn-details';

export interface DetailsFormProps {
  readonly summary: NetworkSummary;
  /** The stored definition the draft applies to. */
  readonly def: NetworkDef;
  /** The running definition, while the network runs and it has been read. */
  readonly running: NetworkDef | null;
  /** The values the network has now. */
  readonly current: DetailsDraft;
  /** Unapplied edits, if any. */
  readonly draft: DetailsDraft | null;
}

export function DetailsForm({ summary, def, running, current, draft }: DetailsFormProps) {
  const setDraft = useDraftStore((s) => s.setDraft);
  const values = draft ?? current;
  const edit = (patch: Partial<DetailsDraft>) => {
    const next = { ...values, ...patch };
    setDraft(sameDraft(next, current) ? null : next, def);
  };
  const problems = draft ? draftProblems(draft, def) : [];
  const section: SectionProps = { values, problems, disabled: !summary.persistent, edit };
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {summary.persistent
          ? summary.active
            ? 'Showing the saved definition. Apply saves it and changes the running network where it can.'
            : 'Showing the saved definition.'
          : 'Showing the running definition (a transient network has no saved one).'}
      </Typography>
      {isOvnNetwork(def) ? (
        <>
          <OnBoot {...section} />
          <OvnDetails def={def} ovn={def.ovn} />
        </>
      ) : isManagedBridgeKind(networkKind(def)) ? (
        <>
          <BasicFields {...section} />
          <ForwardEditor {...section} />
          {FAMILIES.map((family) => (
            <IpEditor key={family} family={family} {...section} />
          ))}
          <GuestIsolation def={def} />
          <BandwidthFacts def={def} />
        </>
      ) : (
        <>
          <OnBoot {...section} />
          <UnmanagedFields def={def} />
          <GuestIsolation def={def} />
          <BandwidthFacts def={def} />
        </>
      )}
      <ApplyBar summary={summary} def={def} running={running} draft={draft} problems={problems} />
    </>
  );
}

function OnBoot({ values, disabled, edit }: SectionProps) {
  return (
    <Box>
      <FormControlLabel
        control={
          <Checkbox checked={values.autostart} onChange={(e) => edit({ autostart: e.target.checked })} />
        }
        label="On Boot"
        disabled={disabled}
      />
      <Typography variant="caption" color="textSecondary" component="div">
        Start this network whenever vnmd starts
        {disabled ? ' (only persistent networks can).' : '.'}
      </Typography>
    </Box>
  );
}

function BasicFields(section: SectionProps) {
  const { values, problems, disabled, edit } = section;
  const domainProblem = problemText(problems, 'domain');
  const mtuProblem = problemText(problems, 'mtu');
  return (
    <>
      <OnBoot {...section} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Domain"
          value={values.domain}
          onChange={(e) => edit({ domain: e.target.value })}
          disabled={disabled}
          error={domainProblem !== undefined}
          helperText={domainProblem ?? 'DNS domain of the guests; empty for none.'}
          sx={{ flex: 2 }}
        />
        <TextField
          label="MTU"
          value={values.mtu}
          onChange={(e) => edit({ mtu: e.target.value })}
          disabled={disabled}
          error={mtuProblem !== undefined}
          helperText={mtuProblem ?? 'Empty for the default (1500).'}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ flex: 1 }}
        />
      </Stack>
    </>
  );
}
