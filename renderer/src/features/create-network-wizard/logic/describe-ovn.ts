/** The summary of an OVN network's choices, in words: the rows describeChoices shows for it. */
import { ovnGuestMtu, ovnSwitchName } from '@shared/model/ovn';
import { parseCidr, subnetSize } from '@shared/net';
import type { WizardChoices } from '@shared/wizard/choices';
import { chosenDomain } from '@shared/wizard/choices';
import { dnsServers, hasUplink } from '@shared/wizard/ovn-choices';
import { OVN_MODE_TEXT } from '@/format/modes';
import type { SummaryRow } from './summary-row';

const count = (n: bigint) => n.toLocaleString('en-US');

function dhcpRows(c: WizardChoices): SummaryRow[] {
  if (!c.ipv4Dhcp) return [{ term: 'DHCPv4', detail: 'off: guests need addresses, DNS and MTU set by hand' }];
  const dns = dnsServers(c.ovnDns);
  const domain = chosenDomain(c);
  return [
    { term: 'DHCPv4', detail: `OVN’s, leases ${c.ipv4Start.trim()} to ${c.ipv4End.trim()}` },
    { term: 'DNS servers', detail: dns.length > 0 ? dns.join(', ') : 'none' },
    { term: 'DNS domain', detail: domain ?? 'none' },
  ];
}

function uplinkRows(c: WizardChoices): SummaryRow[] {
  if (!hasUplink(c.ovnMode)) return [];
  return [
    {
      term: 'Uplink',
      detail: `router ${c.uplinkAddress.trim()} on physical network ${c.uplinkPhysnet.trim()} of chassis ${c.uplinkChassis.trim()}, next hop ${c.uplinkNexthop.trim()}`,
    },
  ];
}

export function describeOvn(c: WizardChoices): SummaryRow[] {
  const mode = OVN_MODE_TEXT[c.ovnMode];
  const cidr = parseCidr(c.ipv4Network.trim());
  const hosts = cidr ? ` (${count(subnetSize(cidr) - 2n)} host addresses)` : '';
  const gatewayRole = hasUplink(c.ovnMode) ? 'router' : 'DHCP server';
  const switchName = ovnSwitchName(c.name, { switchName: c.ovnSwitch.trim() || undefined });
  return [
    { term: 'OVN mode', detail: `${mode.label}. ${mode.reach}` },
    { term: 'Logical switch', detail: `${switchName}, plugged in on each host through br-int` },
    {
      term: 'IPv4 network',
      detail: `${c.ipv4Network.trim()}${hosts}, ${gatewayRole} ${c.ipv4Gateway.trim()}`,
    },
    ...dhcpRows(c),
    { term: 'Guest MTU', detail: c.ovnMtu.trim() || `${ovnGuestMtu({})} (the default)` },
    ...uplinkRows(c),
  ];
}
