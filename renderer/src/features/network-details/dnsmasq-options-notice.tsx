/**
 * Says that a network passes its own <dnsmasq:options> to dnsmasq. Those lines are as
 * powerful as root (a dhcp-script= runs as root), and libvirt marks such networks as
 * tainted; vnm says so wherever the definition is shown (Details and XML).
 */
import { Alert, AlertTitle, Box } from '@mui/material';

export function DnsmasqOptionsNotice({ options }: { readonly options: readonly string[] | undefined }) {
  if (!options || options.length === 0) return null;
  return (
    <Alert severity="warning" role="note" aria-label="Custom dnsmasq options">
      <AlertTitle>Custom dnsmasq options: root-equivalent</AlertTitle>
      This network passes {options.length === 1 ? 'an option' : `${options.length} options`} straight to
      dnsmasq, after its own configuration:
      <Box component="ul" sx={{ my: 0.5, pl: 3, fontFamily: 'monospace' }}>
        {options.map((option, i) => (
          <li key={i}>{option}</li>
        ))}
      </Box>
      vnm does not check what they do. They act with root’s power (a dhcp-script= runs as root), so whoever
      can change this network’s definition can act as root on this host. libvirt marks such networks as
      tainted.
    </Alert>
  );
}
