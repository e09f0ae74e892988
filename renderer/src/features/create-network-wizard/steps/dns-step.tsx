/** Step 4: where NAT and routed traffic leaves the host, and the network's DNS domain. */
import { useId } from 'react';
import {
  Box,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
} from '@mui/material';
import type { DnsChoice } from '@shared/wizard/choices';
import { hasForwardDevice } from '@shared/wizard/choices';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardSelect, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

function ForwardTo() {
  const devices = useWizardStore((s) => s.context.forwardDevices);
  const options = [
    { value: '', label: 'Any physical device' },
    ...devices.map((d) => ({ value: d, label: d })),
  ];
  return (
    <WizardSelect
      field="forwardDev"
      label="Forward to"
      options={options}
      helper="Where guests’ traffic leaves the host: any device the host routes through, or only this one."
    />
  );
}

function DnsDomain({ errors }: { readonly errors: FieldErrors }) {
  const choice = useWizardStore((s) => s.values.dnsChoice);
  const name = useWizardStore((s) => s.values.name);
  const setField = useWizardStore((s) => s.setField);
  const labelId = useId();
  return (
    <FormControl error={errors.dnsChoice !== undefined}>
      <FormLabel id={labelId}>DNS domain name</FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={choice}
        onChange={(e) => setField('dnsChoice', e.target.value as DnsChoice)}
      >
        <FormControlLabel value="name" control={<Radio size="small" />} label="The network’s name" />
        <FormControlLabel value="custom" control={<Radio size="small" />} label="Custom" />
        <FormControlLabel value="none" control={<Radio size="small" />} label="None" />
      </RadioGroup>
      <FormHelperText>
        {errors.dnsChoice ??
          (choice === 'name'
            ? `Guests’ names end in .${name || '…'}, so they find each other by name.`
            : choice === 'none'
              ? 'Guests resolve names through the host’s DNS only.'
              : 'Guests’ names end in the domain entered below.')}
      </FormHelperText>
    </FormControl>
  );
}

export function DnsStep({ errors }: { readonly errors: FieldErrors }) {
  const mode = useWizardStore((s) => s.values.mode);
  const custom = useWizardStore((s) => s.values.dnsChoice === 'custom');
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {hasForwardDevice(mode) ? <ForwardTo /> : null}
      <DnsDomain errors={errors} />
      {custom ? (
        <WizardTextField
          field="customDomain"
          label="Custom domain name"
          error={errors.customDomain}
          helper="Such as lab.example."
          autoFocus
        />
      ) : null}
    </Box>
  );
}
