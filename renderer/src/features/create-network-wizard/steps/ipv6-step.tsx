/** Step 3: optional IPv6, a proposed unique local /64 and an optional DHCPv6 range. */
import { Box, Typography } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardCheckbox, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

export function Ipv6Step({ errors }: { readonly errors: FieldErrors }) {
  const enabled = useWizardStore((s) => s.values.ipv6Enabled);
  const dhcp = useWizardStore((s) => s.values.ipv6Dhcp);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <WizardCheckbox field="ipv6Enabled" label="Enable IPv6" />
      <Typography variant="body2" color="text.secondary" sx={{ mt: -0.5, mb: 1 }}>
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
