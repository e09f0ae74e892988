/**
 * `<port isolated>` of a network, read-only: with isolation on, vnmd sets each guest port of
 * the bridge isolated, so guests reach the host (and through it, the way out) but not each
 * other. It is changed in the XML tab; the form has no field for it because a change needs
 * the network restarted to reach every port, which the Apply bar cannot say for one field.
 * Nothing shows when the XML does not mention it (libvirt's default: guests see each other).
 */
import { useId } from 'react';
import { Box, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import { networkKind } from '@shared/model/network';
import { Fact, FactGrid } from './fact-grid';

/** What the isolation setting means for this network, in a user's words. */
export function isolationText(def: NetworkDef): string | null {
  if (def.portIsolated === undefined) return null;
  if (def.portIsolated === 'no') return 'Off: guests can reach each other';
  if (networkKind(def) === 'bridge') {
    return 'On, which vnm cannot apply on a host bridge: this network will not start until it is removed';
  }
  return 'On: guests reach the host, not each other';
}

export function GuestIsolation({ def }: { readonly def: NetworkDef }) {
  const headingId = useId();
  const text = isolationText(def);
  if (text === null) return null;
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1.5 }}>
        Guest isolation
      </Typography>
      <FactGrid>
        <Fact label="Port isolation" value={text} />
      </FactGrid>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 1.5 }}>
        Set in the XML tab with {"<port isolated='yes'/>"}.
      </Typography>
    </Box>
  );
}
