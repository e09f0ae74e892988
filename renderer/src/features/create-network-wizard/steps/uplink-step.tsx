/**
 * The Uplink step (OVN NAT and Routed): where the network's logical router meets the outside,
 * a localnet port on one chassis (the gateway chassis) through a bridge that chassis maps to
 * a physical network. Proposed from this host: its system-id and its first bridge mapping.
 */
import { Box, Typography } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { WizardTextField } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

function physnetHelper(physnets: readonly string[]): string {
  const here =
    physnets.length > 0
      ? `This host maps ${physnets.join(', ')}.`
      : 'This host maps none (ovn-bridge-mappings is empty here).';
  return `A name in the gateway chassis’s ovn-bridge-mappings. ${here}`;
}

export function UplinkStep({ errors }: { readonly errors: FieldErrors }) {
  const offer = useWizardStore((s) => s.context.ovn);
  const nat = useWizardStore((s) => s.values.ovnMode === 'nat');
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
        {nat
          ? 'Guests’ traffic to the outside leaves through the gateway chassis, translated to the router’s uplink address.'
          : 'Guests’ traffic to the outside leaves through the gateway chassis with their own addresses; the outside needs a route to this network via the router’s uplink address.'}
      </Typography>
      <WizardTextField
        field="uplinkChassis"
        label="Gateway chassis"
        error={errors.uplinkChassis}
        helper={
          offer.systemId
            ? `The system-id of the host that carries the uplink; this host is ${offer.systemId}.`
            : 'The system-id of the host that carries the uplink.'
        }
        autoFocus
      />
      <WizardTextField
        field="uplinkPhysnet"
        label="Physical network"
        error={errors.uplinkPhysnet}
        helper={physnetHelper(offer.physnets)}
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        <WizardTextField
          field="uplinkAddress"
          label="Router address on the uplink"
          error={errors.uplinkAddress}
          helper={nat ? 'With its prefix; guests appear outside under it.' : 'With its prefix.'}
          placeholder="198.51.100.10/24"
        />
        <WizardTextField
          field="uplinkNexthop"
          label="Next hop"
          error={errors.uplinkNexthop}
          helper="The uplink’s router, for the default route."
          placeholder="198.51.100.1"
        />
      </Box>
    </Box>
  );
}
