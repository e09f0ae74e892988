/**
 * The IPv4 part of the first page: what a default NAT network needs (vnmd's proposed subnet
 * and DHCP over its upper half), so Finish can create one without walking every step. The
 * IPv4 step shows the same values with the gateway; both edit one store, so they agree.
 */
import { Box, Typography } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardCheckbox, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

interface FirstPageIpv4Props {
  readonly errors: FieldErrors;
  /** The step the gateway is on: IPv4, or OVN switch for an OVN network. */
  readonly gatewayStep?: string;
}

export function FirstPageIpv4({ errors, gatewayStep = 'IPv4' }: FirstPageIpv4Props) {
  const dhcp = useWizardStore((s) => s.values.ipv4Dhcp);
  const gateway = useWizardStore((s) => s.values.ipv4Gateway);
  const proposed = useWizardStore(
    (s) => s.proposedSubnet !== undefined && s.values.ipv4Network === s.proposedSubnet,
  );
  // The gateway is not on this page; saying where it is keeps it from being a surprise.
  const where = gateway
    ? `Gateway ${gateway} (change it on the ${gatewayStep} step).`
    : `The gateway is on the ${gatewayStep} step.`;
  return (
    <Box
      role="group"
      aria-labelledby="wizard-first-ipv4"
      sx={{ display: 'grid', gap: 1, alignContent: 'start' }}
    >
      <Typography id="wizard-first-ipv4" variant="subtitle2" component="h3">
        IPv4 configuration
      </Typography>
      <WizardTextField
        field="ipv4Network"
        label="Network"
        error={errors.ipv4Network}
        helper={`${proposed ? 'Proposed by vnm: free on this host. ' : ''}${where}`}
      />
      <WizardCheckbox field="ipv4Dhcp" label="Enable DHCPv4" />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <WizardTextField field="ipv4Start" label="DHCP start" error={errors.ipv4Start} disabled={!dhcp} />
        <WizardTextField field="ipv4End" label="DHCP end" error={errors.ipv4End} disabled={!dhcp} />
      </Box>
    </Box>
  );
}
