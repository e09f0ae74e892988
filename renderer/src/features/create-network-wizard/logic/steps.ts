/** The wizard's steps, which of them a mode shows, and which fields each step holds. */
import type { WizardMode } from '@shared/wizard/choices';
import { hasAddressing, hasForwardDevice } from '@shared/wizard/choices';

export type StepId = 'name' | 'ipv4' | 'ipv6' | 'dns' | 'summary';

/** Keys of everything that can carry a problem; 'definition' is the whole network. */
export type FieldKey =
  | 'name'
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
  | 'definition';

export const STEP_FIELDS: Record<StepId, readonly FieldKey[]> = {
  // The first page holds what a default NAT network needs, the IPv4 step the same and more.
  name: ['name', 'hostBridge', 'ipv4Network', 'ipv4Start', 'ipv4End'],
  ipv4: ['ipv4Network', 'ipv4Gateway', 'ipv4Start', 'ipv4End'],
  ipv6: ['ipv6Network', 'ipv6Gateway', 'ipv6Start', 'ipv6End'],
  dns: ['dnsChoice', 'customDomain'],
  summary: ['definition'],
};

/** Bridge mode has no addresses of vnm's: name, then summary. */
export function stepsFor(mode: WizardMode): StepId[] {
  return hasAddressing(mode) ? ['name', 'ipv4', 'ipv6', 'dns', 'summary'] : ['name', 'summary'];
}

export function stepTitle(step: StepId, mode: WizardMode): string {
  switch (step) {
    case 'name':
      return 'Name and mode';
    case 'ipv4':
      return 'IPv4';
    case 'ipv6':
      return 'IPv6';
    case 'dns':
      return hasForwardDevice(mode) ? 'Forwarding and DNS' : 'DNS';
    case 'summary':
      return 'Summary';
  }
}
