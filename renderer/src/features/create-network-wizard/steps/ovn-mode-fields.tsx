/**
 * The first page's OVN parts: why the mode cannot be chosen on this host (shown under the
 * disabled radio, with what to install or set), and the OVN mode (isolated, NAT, routed).
 */
import { useId } from 'react';
import { Box, FormControl, FormLabel, RadioGroup, Typography } from '@mui/material';
import type { OvnMode } from '@shared/model/ovn';
import { OVN_MODES } from '@shared/model/ovn';
import { OVN_MODE_TEXT } from '@/format/modes';
import type { OvnOffer } from '@/features/create-network-wizard/logic/ovn-offer';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';
import { ModeChoice } from './mode-choice';

/** vnmd's problems, each saying what to do (the first names the packages to install when some are missing). */
export function OvnUnavailable({ offer }: { readonly offer: OvnOffer }) {
  if (offer.ready) return null;
  return (
    // Its own colour: the disabled radio's label greys what it holds (text.disabled, below 4.5:1
    // in the light theme), and this is what a person must read to make the mode available.
    <Box sx={{ mt: 0.5, color: 'text.secondary' }}>
      <Typography variant="body2">Not available on this host:</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, typography: 'body2' }}>
        {offer.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </Box>
    </Box>
  );
}

export function OvnModeFields() {
  const ovnMode = useWizardStore((s) => s.values.ovnMode);
  const setField = useWizardStore((s) => s.setField);
  const labelId = useId();
  return (
    <FormControl>
      <FormLabel id={labelId}>OVN mode</FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={ovnMode}
        onChange={(e) => setField('ovnMode', e.target.value as OvnMode)}
      >
        {OVN_MODES.map((m) => (
          <ModeChoice key={m} value={m} text={OVN_MODE_TEXT[m]} descId={`${labelId}-${m}`} />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
