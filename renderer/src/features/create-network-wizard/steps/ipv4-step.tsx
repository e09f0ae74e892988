/** Step 2: the IPv4 network, its gateway and the DHCPv4 range, proposed and checked as typed. */
import { Box } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardCheckbox, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

const FOLLOWS = 'Follows the network until you change it.';

export function Ipv4Step({ errors }: { readonly errors: FieldErrors }) {
  const dhcp = useWizardStore((s) => s.values.ipv4Dhcp);
  const edited = useWizardStore((s) => s.edited);
  const proposed = useWizardStore(
    (s) => s.proposedSubnet !== undefined && s.values.ipv4Network === s.proposedSubnet,
  );
  const follows = (key: 'ipv4Gateway' | 'ipv4Start' | 'ipv4End') => (edited.has(key) ? ' ' : FOLLOWS);
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <WizardTextField
        field="ipv4Network"
        label="Network"
        error={errors.ipv4Network}
        helper={`${proposed ? 'Proposed by vnm: free on this host. ' : ''}Any prefix from /8 to /30, such as 10.20.0.0/16.`}
        autoFocus
      />
      <WizardTextField
        field="ipv4Gateway"
        label="Gateway"
        error={errors.ipv4Gateway}
        helper={`The host’s address in the network, the guests’ router. ${follows('ipv4Gateway')}`}
      />
      <WizardCheckbox field="ipv4Dhcp" label="Enable DHCPv4" />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <WizardTextField
          field="ipv4Start"
          label="DHCP start"
          error={errors.ipv4Start}
          helper={follows('ipv4Start')}
          disabled={!dhcp}
        />
        <WizardTextField
          field="ipv4End"
          label="DHCP end"
          error={errors.ipv4End}
          helper={follows('ipv4End')}
          disabled={!dhcp}
        />
      </Box>
    </Box>
  );
}
