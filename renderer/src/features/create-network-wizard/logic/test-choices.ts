/** Choices and a host for the wizard's unit tests: a NAT network every check accepts. */
import type { WizardChoices } from '@shared/wizard/choices';
import type { WizardContext } from './context';
import type { OvnOffer } from './ovn-offer';
import { OVN_CHOICES_DEFAULT } from '@shared/wizard/ovn-choices';

export const GOOD: WizardChoices = {
  name: 'network',
  mode: 'nat',
  hostBridge: 'br0',
  ipv4Network: '192.168.100.0/24',
  ipv4Gateway: '192.168.100.1',
  ipv4Dhcp: true,
  ipv4Start: '192.168.100.128',
  ipv4End: '192.168.100.254',
  ipv6Enabled: true,
  ipv6Network: 'fd12:3456:789a:1::/64',
  ipv6Gateway: 'fd12:3456:789a:1::1',
  ipv6Dhcp: true,
  ipv6Start: 'fd12:3456:789a:1::100',
  ipv6End: 'fd12:3456:789a:1::1ff',
  ipv6Nat: true,
  forwardDev: '',
  dnsChoice: 'name',
  customDomain: '',
  startNow: true,
  autostart: true,
  ...OVN_CHOICES_DEFAULT,
};

/** An OVN chassis with everything running, mapping physnet 'uplink', on a 1500-byte eth0. */
export const OVN_READY: OvnOffer = {
  ready: true,
  problems: [],
  systemId: 'host-a',
  physnets: ['uplink'],
  underlay: { name: 'eth0', mtu: 1500 },
};

/** GOOD as an OVN network in NAT mode, its uplink filled in. */
export const GOOD_OVN: WizardChoices = {
  ...GOOD,
  mode: 'ovn',
  ovnMode: 'nat',
  uplinkChassis: 'host-a',
  uplinkPhysnet: 'uplink',
  uplinkAddress: '198.51.100.10/24',
  uplinkNexthop: '198.51.100.1',
};

export const HOST: WizardContext = {
  existingNames: ['default', 'dmz'],
  takenSubnets: [
    { subnet: '192.168.122.0/24', owner: "network 'default'" },
    { subnet: 'fd00:aaaa:bbbb:1::/64', owner: "network 'dmz'" },
    { subnet: '10.0.0.5/24', owner: 'eth0 on this host' },
  ],
  hostBridges: ['br0'],
  forwardDevices: ['eth0', 'br0'],
  ovn: OVN_READY,
};
