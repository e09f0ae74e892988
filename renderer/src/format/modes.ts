/**
 * The modes as the wizard and Details name them, each with one line on who can reach whom (the
 * comparison table of RHEL's "Types of virtual machine network connections").
 */
import type { OvnMode } from '@shared/model/ovn';
import type { WizardMode } from '@shared/wizard/choices';

export interface ModeText {
  readonly label: string;
  readonly reach: string;
}

export const MODE_TEXT: Record<WizardMode, ModeText> = {
  nat: {
    label: 'NAT',
    reach:
      'Guests reach the host, each other and the outside through the host’s address; the outside cannot reach them.',
  },
  route: {
    label: 'Routed',
    reach:
      'Guests reach the host, each other and the outside, and the outside reaches them once its router has a route to this network.',
  },
  isolated: {
    label: 'Isolated',
    reach: 'Guests reach the host and each other only; nothing passes to or from the outside.',
  },
  open: {
    label: 'Open',
    reach:
      'vnm adds no firewall rules: who reaches the guests, and whom they reach, is up to the host’s firewall.',
  },
  bridge: {
    label: 'Bridge',
    reach:
      'Guests join an existing host bridge: they reach, and are reached by, the host, each other and the LAN, like any machine on it.',
  },
  ovn: {
    label: 'Spanning hosts (OVN)',
    reach:
      'One switch for guests on every host of an OVN deployment: they reach each other across hosts; what else, the OVN mode says.',
  },
};

/** An OVN network's own modes (model/ovn.ts): what its logical router, if any, lets through. */
export const OVN_MODE_TEXT: Record<OvnMode, ModeText> = {
  isolated: {
    label: 'Isolated',
    reach: 'Guests on every host reach each other only; no router, so nothing passes to or from the outside.',
  },
  nat: {
    label: 'NAT',
    reach:
      'Guests also reach the outside through a router on the gateway chassis, under its uplink address; the outside cannot reach them.',
  },
  routed: {
    label: 'Routed',
    reach:
      'Guests also reach the outside through a router on the gateway chassis with their own addresses; the outside reaches them once its router routes this subnet there.',
  },
};
