/**
 * The OVN switch step: the subnet, the router's (or, isolated, the DHCP server's) address,
 * OVN's DHCP range, the guests' MTU and the logical switch's name. The subnet and range are
 * the IPv4 fields, so they follow vnmd's proposal as in the other modes.
 */
import { Box } from '@mui/material';
import { GENEVE_OVERHEAD } from '@shared/model/ovn';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { proposedOvnMtu } from '@/features/create-network-wizard/logic/ovn-offer';
import { WizardCheckbox, WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

/** Why 1442: a silent black hole above it is the one OVN pitfall a person cannot see coming. */
function useMtuHelper(): string {
  const offer = useWizardStore((s) => s.context.ovn);
  const underlay = offer.underlay
    ? `${offer.underlay.name}, ${offer.underlay.mtu} bytes`
    : '1500 bytes assumed';
  return (
    `Geneve adds ${GENEVE_OVERHEAD} bytes to every packet between hosts, so guests need the underlay’s MTU ` +
    `less ${GENEVE_OVERHEAD} (${proposedOvnMtu(offer)} on this host’s underlay: ${underlay}); larger packets ` +
    'would be dropped without a word.'
  );
}

export function OvnStep({ errors }: { readonly errors: FieldErrors }) {
  const dhcp = useWizardStore((s) => s.values.ipv4Dhcp);
  const routed = useWizardStore((s) => s.values.ovnMode !== 'isolated');
  const name = useWizardStore((s) => s.values.name);
  const mtuHelper = useMtuHelper();
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <WizardTextField
        field="ipv4Network"
        label="Network"
        error={errors.ipv4Network}
        helper="The guests’ IPv4 subnet, the same on every host; any prefix from /8 to /30."
        autoFocus
      />
      <WizardTextField
        field="ipv4Gateway"
        label="Gateway"
        error={errors.ipv4Gateway}
        helper={
          routed
            ? 'The logical router’s address in the network: the guests’ default route, and the DHCP server’s.'
            : 'The address OVN’s DHCP server answers from; an isolated network has no router.'
        }
      />
      <WizardCheckbox field="ipv4Dhcp" label="Enable DHCPv4" />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <WizardTextField field="ipv4Start" label="DHCP start" error={errors.ipv4Start} disabled={!dhcp} />
        <WizardTextField field="ipv4End" label="DHCP end" error={errors.ipv4End} disabled={!dhcp} />
      </Box>
      <WizardTextField field="ovnMtu" label="Guest MTU" error={errors.ovnMtu} helper={mtuHelper} />
      <WizardTextField
        field="ovnSwitch"
        label="Logical switch"
        error={errors.ovnSwitch}
        placeholder={`vnm-${name || 'NAME'}`}
        helper={`The switch’s name in OVN’s northbound database; empty for vnm-${name || 'NAME'}.`}
      />
    </Box>
  );
}
