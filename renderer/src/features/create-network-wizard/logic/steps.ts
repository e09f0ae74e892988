/** The wizard's steps, which of them a mode shows, and which fields each step holds. */
import type { WizardChoices, WizardMode } from '@shared/wizard/choices';
import { hasAddressing, hasForwardDevice } from '@shared/wizard/choices';
import { hasUplink } from '@shared/wizard/ovn-choices';

export type StepId = 'name' | 'ipv4' | 'ipv6' | 'ovn' | 'uplink' | 'dns' | 'summary';

/** Keys of everything that can carry a problem; 'definition' is the whole network. */
export type FieldKey =
  | 'name'
  | 'mode'
  | 'hostBridge'
  | 'ipv4Network'
  | 'ipv4Gateway'
  | 'ipv4Start'
  | 'ipv4End'
  | 'ipv6Network'
  | 'ipv6Gateway'
  | 'ipv6Start'
  | 'ipv6End'
  | 'dnsChoice'
  | 'customDomain'
  | 'ovnMtu'
  | 'ovnSwitch'
  | 'ovnDns'
  | 'uplinkChassis'
  | 'uplinkPhysnet'
  | 'uplinkAddress'
  | 'uplinkNexthop'
  | 'definition';

export const STEP_FIELDS: Record<StepId, readonly FieldKey[]> = {
  // The first page holds what a default NAT network needs, the IPv4 step the same and more.
  name: ['name', 'mode', 'hostBridge', 'ipv4Network', 'ipv4Start', 'ipv4End'],
  ipv4: ['ipv4Network', 'ipv4Gateway', 'ipv4Start', 'ipv4End'],
  ipv6: ['ipv6Network', 'ipv6Gateway', 'ipv6Start', 'ipv6End'],
  // OVN: the subnet and DHCP (the IPv4 fields) with what only OVN has.
  ovn: ['ipv4Network', 'ipv4Gateway', 'ipv4Start', 'ipv4End', 'ovnMtu', 'ovnSwitch'],
  uplink: ['uplinkChassis', 'uplinkPhysnet', 'uplinkAddress', 'uplinkNexthop'],
  dns: ['ovnDns', 'dnsChoice', 'customDomain'],
  summary: ['definition'],
};

/** Bridge mode has no addresses of vnm's: name, then summary. OVN's are IPv4 only, with an uplink for a router. */
export function stepsFor(c: Pick<WizardChoices, 'mode' | 'ovnMode'>): StepId[] {
  if (c.mode === 'ovn')
    return ['name', 'ovn', ...(hasUplink(c.ovnMode) ? (['uplink'] as const) : []), 'dns', 'summary'];
  return hasAddressing(c.mode) ? ['name', 'ipv4', 'ipv6', 'dns', 'summary'] : ['name', 'summary'];
}

export function stepTitle(step: StepId, mode: WizardMode): string {
  switch (step) {
    case 'name':
      return 'Name and mode';
    case 'ipv4':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    case 'ovn':
      return 'OVN switch';
    case 'uplink':
      return 'Uplink';
    case 'dns':
      return hasForwardDevice(mode) ? 'Forwarding and DNS' : 'DNS';
    case 'summary':
      return 'Summary';
  }
}
