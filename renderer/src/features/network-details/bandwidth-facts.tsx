/**
 * `<bandwidth>` of a network, read-only: vnmd shapes the bridge with tc at start, so a change
 * (made in the XML tab) takes effect at the next start, as in libvirt, which cannot change it
 * live either. Units as libvirt's: rates in kilobytes (1000 bytes) per second, burst in KiB.
 * Nothing shows when the XML has no limit.
 */
import { useId } from 'react';
import { Box, Typography } from '@mui/material';
import type { BandwidthRate, NetworkDef } from '@shared/model/network';
import { networkKind } from '@shared/model/network';
import { Fact, FactGrid } from './fact-grid';

/** One direction in a user's words: "average 1000 kB/s, peak 2000 kB/s, burst 256 KiB". */
export function rateText(r: BandwidthRate): string {
  const parts: string[] = [];
  if (r.average !== undefined) parts.push(`average ${r.average} kB/s`);
  if (r.peak !== undefined) parts.push(`peak ${r.peak} kB/s`);
  if (r.burst !== undefined) parts.push(`burst ${r.burst} KiB`);
  if (r.floor !== undefined) parts.push(`floor ${r.floor} kB/s (not applied: the network will not start)`);
  return parts.join(', ');
}

export function BandwidthFacts({ def }: { readonly def: NetworkDef }) {
  const headingId = useId();
  const { inbound, outbound } = def.bandwidth ?? {};
  if (!inbound && !outbound) return null;
  const hostBridge = networkKind(def) === 'bridge';
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1.5 }}>
        Bandwidth
      </Typography>
      <FactGrid>
        {inbound ? <Fact label="Inbound (to guests)" value={rateText(inbound)} /> : null}
        {outbound ? <Fact label="Outbound (from guests)" value={rateText(outbound)} /> : null}
      </FactGrid>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 1.5 }}>
        {hostBridge
          ? 'vnm does not shape a host bridge it does not own: this network will not start until <bandwidth> is removed. '
          : 'Shared by all guests of the network. '}
        Set in the XML tab with {'<bandwidth>'}; a change takes effect when the network is next started.
      </Typography>
    </Box>
  );
}
