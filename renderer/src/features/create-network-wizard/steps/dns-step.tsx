/**
 * Step 4: where NAT and routed traffic leaves the host, and the network's DNS domain. For an
 * OVN network: the DNS servers and domain OVN's DHCP hands out (OVN serves no names itself).
 */
import { useId } from 'react';
import {
  Box,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Typography,
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

/** What the domain choice means; vnm's dnsmasq answers for it, OVN only hands it out. */
function domainHelp(choice: DnsChoice, name: string, ovn: boolean): string {
  if (ovn) {
    if (choice === 'none') return 'Guests get no domain from DHCP.';
    const domain = choice === 'name' ? `.${name || '…'}` : 'the domain entered below';
    return `OVN’s DHCP gives guests ${domain} as their domain; the DNS servers above answer for it, not OVN.`;
  }
  if (choice === 'name') return `Guests’ names end in .${name || '…'}, so they find each other by name.`;
  return choice === 'none'
    ? 'Guests resolve names through the host’s DNS only.'
    : 'Guests’ names end in the domain entered below.';
}

function DnsDomain({ errors, ovn }: { readonly errors: FieldErrors; readonly ovn: boolean }) {
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
      <FormHelperText>{errors.dnsChoice ?? domainHelp(choice, name, ovn)}</FormHelperText>
    </FormControl>
  );
}

export function DnsStep({ errors }: { readonly errors: FieldErrors }) {
  const mode = useWizardStore((s) => s.values.mode);
  const custom = useWizardStore((s) => s.values.dnsChoice === 'custom');
  const dhcp = useWizardStore((s) => s.values.ipv4Dhcp);
  const ovn = mode === 'ovn';
  // OVN hands DNS settings out with DHCP only: without it they would go nowhere.
  if (ovn && !dhcp)
    return (
      <Typography color="textSecondary">
        DHCP is off, so OVN hands guests no DNS servers or domain: they need them set by hand.
      </Typography>
    );
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {hasForwardDevice(mode) ? <ForwardTo /> : null}
      {ovn ? (
        <WizardTextField
          field="ovnDns"
          label="DNS servers"
          error={errors.ovnDns}
          helper="IPv4 addresses OVN’s DHCP gives guests, separated by spaces; empty for none."
          autoFocus
        />
      ) : null}
      <DnsDomain errors={errors} ovn={ovn} />
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
