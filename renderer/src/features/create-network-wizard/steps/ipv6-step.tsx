/** Step 3: optional IPv6, a proposed unique local /64, NAT or routed, and an optional DHCPv6 range. */
import { useId } from 'react';
import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardCheckbox, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

/**
 * NAT networks choose how IPv6 leaves the host. A unique local network only gets out with NAT:
 * routing it needs a prefix the upstream router sends to this host, which a laptop rarely has.
 */
function Ipv6Routing({ disabled }: { readonly disabled: boolean }) {
  const nat = useWizardStore((s) => s.values.ipv6Nat);
  const setField = useWizardStore((s) => s.setField);
  const labelId = useId();
  return (
    <FormControl disabled={disabled}>
      <FormLabel id={labelId}>IPv6 to the outside</FormLabel>
      <RadioGroup
        row
        aria-labelledby={labelId}
        value={nat ? 'nat' : 'route'}
        onChange={(e) => setField('ipv6Nat', e.target.value === 'nat')}
      >
        <FormControlLabel value="nat" control={<Radio size="small" />} label="NAT, like IPv4" />
        <FormControlLabel value="route" control={<Radio size="small" />} label="Routed" />
      </RadioGroup>
      <Typography variant="body2" color="textSecondary">
        {nat
          ? 'Guests reach the outside through the host’s IPv6 address; the outside cannot reach them.'
          : 'Guests’ own addresses are seen outside. This needs a prefix that your upstream router routes to this host; a unique local (fd…) network cannot leave it.'}
      </Typography>
    </FormControl>
  );
}

function RoutedNote() {
  return (
    <Typography variant="body2" color="textSecondary">
      IPv6 is routed: guests’ own addresses are seen outside, so this needs a prefix that your upstream router
      routes to this host.
    </Typography>
  );
}

export function Ipv6Step({ errors }: { readonly errors: FieldErrors }) {
  const enabled = useWizardStore((s) => s.values.ipv6Enabled);
  const dhcp = useWizardStore((s) => s.values.ipv6Dhcp);
  const mode = useWizardStore((s) => s.values.mode);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <WizardCheckbox field="ipv6Enabled" label="Enable IPv6" />
      <Typography variant="body2" color="textSecondary" sx={{ mt: -0.5, mb: 1 }}>
        Guests get IPv6 addresses from router advertisements, and from DHCPv6 when it is on. The proposal is a
        unique local network (fd00::/8), private like 192.168.x.x.
      </Typography>
      <WizardTextField
        field="ipv6Network"
        label="IPv6 network"
        error={errors.ipv6Network}
        helper="A /64 network, such as fd12:3456:789a:1::/64."
        disabled={!enabled}
      />
      <WizardTextField
        field="ipv6Gateway"
        label="IPv6 gateway"
        error={errors.ipv6Gateway}
        helper="The host’s address in the network."
        disabled={!enabled}
      />
      {mode === 'nat' ? <Ipv6Routing disabled={!enabled} /> : null}
      {mode === 'route' && enabled ? <RoutedNote /> : null}
      {enabled ? <WizardCheckbox field="ipv6Dhcp" label="Enable DHCPv6" /> : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <WizardTextField
          field="ipv6Start"
          label="DHCPv6 start"
          error={errors.ipv6Start}
          disabled={!enabled || !dhcp}
        />
        <WizardTextField
          field="ipv6End"
          label="DHCPv6 end"
          error={errors.ipv6End}
          disabled={!enabled || !dhcp}
        />
      </Box>
    </Box>
  );
}
