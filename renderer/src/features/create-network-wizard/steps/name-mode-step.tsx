/**
 * Step 1: the name, the mode with who can reach whom, and (for modes with addresses) the
 * IPv4 network and DHCP range: everything Finish needs for a default NAT network.
 */
import { useId } from 'react';
import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import type { WizardMode } from '@shared/wizard/choices';
import { WIZARD_MODES, hasAddressing } from '@shared/wizard/choices';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { MODE_TEXT } from '@/format/modes';
import { FirstPageIpv4 } from '@/features/create-network-wizard/steps/first-page-ipv4';
import { WizardSelect, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

function ModeChoice({ mode, idBase }: { readonly mode: WizardMode; readonly idBase: string }) {
  const text = MODE_TEXT[mode];
  const descId = `${idBase}-${mode}`;
  // The line sits inside the label for layout but is hidden from its name: the radio is
  // named by the mode alone and described by the line.
  return (
    <FormControlLabel
      value={mode}
      sx={{ alignItems: 'flex-start', mb: 0.5 }}
      control={<Radio size="small" slotProps={{ input: { 'aria-describedby': descId } }} />}
      label={
        <Box sx={{ pt: '7px' }}>
          {text.label}
          <Typography id={descId} aria-hidden variant="body2" color="text.secondary">
            {text.reach}
          </Typography>
        </Box>
      }
    />
  );
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
        <FormControl>
          <FormLabel id={labelId}>Mode</FormLabel>
          <RadioGroup
            aria-labelledby={labelId}
            value={mode}
            onChange={(e) => setField('mode', e.target.value as WizardMode)}
          >
            {WIZARD_MODES.map((m) => (
              <ModeChoice key={m} mode={m} idBase={labelId} />
            ))}
          </RadioGroup>
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
    </Box>
  );
}
