/**
 * How a network's mode and state read: in the window's list and Details, and in the list the
 * browser shell renders into the page before any script runs (issue 17).
 */
import type { NetworkSummary } from '../rpc/contract';

const KIND_LABELS: Record<string, string> = {
  nat: 'NAT',
  route: 'Routed',
  open: 'Open',
  isolated: 'Isolated',
  bridge: 'Bridge',
  private: 'Private',
  vepa: 'VEPA',
  passthrough: 'Passthrough',
  hostdev: 'Hostdev',
  // network.list's kind for an OVN network (libvirt's bridge mode on br-int, run by OVN).
  ovn: 'OVN (spans hosts)',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export function stateLabel(n: Pick<NetworkSummary, 'active'>): string {
  return n.active ? 'Active' : 'Inactive';
}
