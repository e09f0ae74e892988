/**
 * Forwarding of a network whose bridge or devices are the host's, not vnm's (Bridge mode,
 * macvtap's private/vepa/passthrough, hostdev). libvirt keeps no addresses, DHCP, DNS, MAC or
 * forward device for these, so Details shows what they do have, read-only: the mode, the host
 * bridge or device pool, port groups and VLAN tags. They change in the XML tab.
 */
import { useId } from 'react';
import { Box, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import { forwardPool, networkKind } from '@shared/model/network';
import { kindLabel } from '@/format/format';
import { Fact, FactGrid } from './fact-grid';

function devicesOf(def: NetworkDef): string {
  if (!def.forward) return '—';
  const pool = forwardPool(def.forward).map((i) => i.dev);
  if (pool.length > 0) return pool.join(', ');
  if (def.forward.pf.length > 0) return `virtual functions of ${def.forward.pf.map((p) => p.dev).join(', ')}`;
  return def.forward.addresses.length > 0 ? `${def.forward.addresses.length} PCI devices` : '—';
}

export function UnmanagedFields({ def }: { readonly def: NetworkDef }) {
  const headingId = useId();
  const kind = networkKind(def);
  const bridge = kind === 'bridge';
  const tags = def.vlan?.tags.map((t) => String(t.id)) ?? [];
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1.5 }}>
        Forwarding
      </Typography>
      <FactGrid>
        <Fact label="Forwarding mode" value={kindLabel(kind)} />
        {bridge ? (
          <Fact label="Host bridge" value={def.bridge?.name ?? '—'} mono />
        ) : (
          <Fact label="Host devices" value={devicesOf(def)} mono />
        )}
        {def.virtualport ? <Fact label="Virtual port" value={def.virtualport.type ?? 'any'} /> : null}
        {def.portgroups.length > 0 ? (
          <Fact label="Port groups" value={def.portgroups.map((p) => p.name).join(', ')} />
        ) : null}
        {tags.length > 0 ? <Fact label="VLAN tags" value={tags.join(', ')} /> : null}
      </FactGrid>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 1.5 }}>
        {bridge
          ? 'Guests join the host bridge’s LAN: their addresses, DHCP and DNS come from that LAN, not from vnm.'
          : 'Guests use the host’s devices directly: their addresses come from the network those devices are on.'}{' '}
        Change the mode, port groups or VLAN tags in the XML tab.
      </Typography>
    </Box>
  );
}
