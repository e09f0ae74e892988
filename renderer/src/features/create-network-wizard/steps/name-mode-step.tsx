/**
 * Step 1: the name, the mode with who can reach whom, and (for modes with addresses) the
 * IPv4 network and DHCP range: everything Finish needs for a default NAT network, or (OVN)
 * an isolated OVN network.
 */
import { useId } from 'react';
import { Box, FormControl, FormHelperText, FormLabel, RadioGroup } from '@mui/material';
import type { WizardMode } from '@shared/wizard/choices';
import { WIZARD_MODES, hasAddressing } from '@shared/wizard/choices';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { MODE_TEXT } from '@/format/modes';
import { FirstPageIpv4 } from '@/features/create-network-wizard/steps/first-page-ipv4';
import { ModeChoice } from '@/features/create-network-wizard/steps/mode-choice';
import { OvnModeFields, OvnUnavailable } from '@/features/create-network-wizard/steps/ovn-mode-fields';
import { WizardSelect, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

/** Each mode with its reach line; OVN disabled, saying why, where this host cannot run it. */
function ModeList({ idBase }: { readonly idBase: string }) {
  const ovn = useWizardStore((s) => s.context.ovn);
  return WIZARD_MODES.map((m) => (
    <ModeChoice
      key={m}
      value={m}
      text={MODE_TEXT[m]}
      descId={`${idBase}-${m}`}
      disabled={m === 'ovn' && !ovn.ready}
    >
      {m === 'ovn' ? <OvnUnavailable offer={ovn} /> : null}
    </ModeChoice>
  ));
}

export function NameModeStep({ errors }: { readonly errors: FieldErrors }) {
  const mode = useWizardStore((s) => s.values.mode);
  const bridges = useWizardStore((s) => s.context.hostBridges);
  const setField = useWizardStore((s) => s.setField);
  const labelId = useId();
  return (
    // Two columns where the dialog is wide enough, so the whole page shows without scrolling.
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
      <Box sx={{ display: 'grid', gap: 1, alignContent: 'start' }}>
        <WizardTextField
          field="name"
          label="Name"
          error={errors.name}
          helper="How vnm and virsh name the network; letters, digits, '-' and '_' read best."
          autoFocus
        />
        <FormControl error={errors.mode !== undefined}>
          <FormLabel id={labelId}>Mode</FormLabel>
          <RadioGroup
            aria-labelledby={labelId}
            value={mode}
            onChange={(e) => setField('mode', e.target.value as WizardMode)}
          >
            <ModeList idBase={labelId} />
          </RadioGroup>
          {errors.mode ? <FormHelperText>{errors.mode}</FormHelperText> : null}
        </FormControl>
        {mode === 'bridge' ? (
          <WizardSelect
            field="hostBridge"
            label="Host bridge"
            options={
              bridges.length > 0
                ? bridges.map((b) => ({ value: b, label: b }))
                : [{ value: '', label: 'No bridge on this host' }]
            }
            error={errors.hostBridge}
            helper="An existing bridge on the host; guests appear on its LAN."
          />
        ) : null}
      </Box>
      {hasAddressing(mode) ? <FirstPageIpv4 errors={errors} /> : null}
      {mode === 'ovn' ? (
        <Box sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
          <OvnModeFields />
          <FirstPageIpv4 errors={errors} gatewayStep="OVN switch" />
        </Box>
      ) : null}
    </Box>
  );
}
