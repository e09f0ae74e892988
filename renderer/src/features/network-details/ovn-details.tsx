/**
 * An OVN network's settings (<vnm:ovn>, model/ovn.ts), read-only: the logical switch, its
 * subnet and OVN's DHCP, and the uplink of its router. libvirt sees only a host bridge
 * (br-int), so Details offers none of the bridge's editors (addresses, DNS, MTU, forward
 * device, isolation), which would write <ip> or <port> that OVN never reads. The settings
 * change in the XML tab. Values are shown as written: an invalid one still reads, never throws.
 */
import { useId } from 'react';
import { Box, Typography } from '@mui/material';
import type { NetworkDef } from '@shared/model/network';
import type { OvnSettings } from '@shared/model/ovn';
import { ovnGuestMtu, ovnSwitchName } from '@shared/model/ovn';
import { firstHost, formatIp, parseCidr } from '@shared/net';
import { kindLabel } from '@/format/format';
import { OVN_MODE_TEXT } from '@/format/modes';
import { Fact, FactGrid } from './fact-grid';

/** OVN's own lease time when <vnm:dhcp> names none (objects.ts writes the same). */
const OVN_LEASE_SECONDS = 3600;

function gatewayText(ovn: OvnSettings): string {
  const role = ovn.mode === 'isolated' ? 'DHCP server' : 'router and DHCP server';
  if (ovn.gateway) return `${ovn.gateway} (${role})`;
  const subnet = parseCidr(ovn.subnet);
  return subnet ? `${formatIp(firstHost(subnet))} (${role}, the first host)` : '—';
}

function DhcpFacts({ ovn }: { readonly ovn: OvnSettings }) {
  const d = ovn.dhcp;
  if (!d) return <Fact label="DHCP" value="Off: guests need addresses set by hand" />;
  const lease = d.leaseTime ?? OVN_LEASE_SECONDS;
  return (
    <>
      <Fact label="DHCP range" value={`${d.start} – ${d.end}`} mono />
      <Fact label="Lease time" value={`${lease} s${d.leaseTime === undefined ? ' (OVN’s default)' : ''}`} />
      <Fact label="DNS servers" value={d.dns.length > 0 ? d.dns.join(', ') : 'None'} mono />
      <Fact label="DNS domain" value={d.domain ?? 'None'} />
    </>
  );
}

function UplinkFacts({ ovn }: { readonly ovn: OvnSettings }) {
  const u = ovn.uplink;
  if (ovn.mode === 'isolated') return null;
  if (!u) return <Fact label="Uplink" value="None: the network will not start until one is given" />;
  return (
    <>
      <Fact label="Gateway chassis" value={u.chassis} mono />
      <Fact label="Physical network" value={u.physnet} mono />
      <Fact label="Uplink address" value={u.address} mono />
      <Fact label="Next hop" value={u.nexthop} mono />
    </>
  );
}

export function OvnDetails({ def, ovn }: { readonly def: NetworkDef; readonly ovn: OvnSettings }) {
  const headingId = useId();
  const mode = OVN_MODE_TEXT[ovn.mode];
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1.5 }}>
        OVN
      </Typography>
      <FactGrid>
        <Fact label="Forwarding mode" value={kindLabel('ovn')} />
        <Fact label="OVN mode" value={mode.label} />
        <Fact label="Logical switch" value={ovnSwitchName(def.name, ovn)} mono />
        <Fact label="Subnet" value={ovn.subnet} mono />
        <Fact label="Gateway" value={gatewayText(ovn)} />
        <DhcpFacts ovn={ovn} />
        <Fact
          label="Guest MTU"
          value={`${ovnGuestMtu(ovn)}${ovn.mtu === undefined ? ' (the default)' : ''}`}
        />
        <UplinkFacts ovn={ovn} />
        <Fact label="Host bridge" value={`${def.bridge?.name ?? '—'} (OVN’s integration bridge)`} />
      </FactGrid>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 1.5 }}>
        {mode.reach} OVN runs this switch on every host connected to its northbound database; guests plug in
        through the integration bridge. Change these settings in the XML tab ({'<vnm:ovn>'}); a change takes
        effect when the network is next started.
      </Typography>
    </Box>
  );
}
