import { describe, expect, it } from 'vitest';
import type { WizardChoices } from '@shared/wizard/choices';
import { fakeOvnMissing } from '@/test/fake-data';
import { checkWizard } from './checks';
import { ovnOfferOf, proposedOvnMtu } from './ovn-offer';
import { GOOD_OVN, HOST } from './test-choices';

const errorsOf = (change: Partial<WizardChoices>) => checkWizard({ ...GOOD_OVN, ...change }, HOST);

describe('the wizard’s OVN checks', () => {
  it('accepts a NAT OVN network with its uplink, and an isolated one without', () => {
    expect(errorsOf({})).toEqual({});
    expect(errorsOf({ ovnMode: 'isolated', uplinkAddress: '', uplinkNexthop: '' })).toEqual({});
  });

  it.each<[string, Partial<WizardChoices>, string, string]>([
    ['MTU not a number', { ovnMtu: '14x' }, 'ovnMtu', 'not a number of bytes'],
    ['MTU too small', { ovnMtu: '500' }, 'ovnMtu', 'use 576 to 9000'],
    ['switch name with a space', { ovnSwitch: 'my switch' }, 'ovnSwitch', 'not a usable switch name'],
    ['DNS server not IPv4', { ovnDns: '10.0.0.1 fd00::1' }, 'ovnDns', "'fd00::1' is not an IPv4 address"],
    ['no chassis', { uplinkChassis: ' ' }, 'uplinkChassis', 'Enter the gateway chassis'],
    ['no physnet', { uplinkPhysnet: '' }, 'uplinkPhysnet', 'ovn-bridge-mappings'],
    ['uplink without prefix', { uplinkAddress: '198.51.100.10' }, 'uplinkAddress', 'with a prefix'],
    ['uplink in the subnet', { uplinkAddress: '192.168.100.5/24' }, 'uplinkAddress', 'overlaps the network'],
    ['next hop off the uplink', { uplinkNexthop: '203.0.113.1' }, 'uplinkNexthop', 'is not on the uplink'],
    ['next hop is the router', { uplinkNexthop: '198.51.100.10' }, 'uplinkNexthop', 'router’s own'],
    ['gateway outside', { ipv4Gateway: '10.9.9.9' }, 'ipv4Gateway', 'is outside 192.168.100.0/24'],
  ])('refuses %s on its field, in one sentence', (_what, change, field, words) => {
    const message = (errorsOf(change) as Record<string, string>)[field];
    expect(message).toContain(words);
    expect(message).toMatch(/\.$/);
  });

  it('refuses the mode itself where OVN is not ready, with vnmd’s reason', () => {
    const errors = checkWizard(GOOD_OVN, { ...HOST, ovn: ovnOfferOf(fakeOvnMissing(), []) });
    expect(errors.mode).toBe(
      'OVN networks cannot be created on this host: install openvswitch-switch and ovn-host (apt-get install openvswitch-switch ovn-host).',
    );
  });

  it('proposes the underlay’s MTU less 58, 1442 when the underlay is unknown', () => {
    const facts = { ...fakeOvnMissing(), encapIp: '10.0.0.5' };
    const jumbo = [
      {
        name: 'eth1',
        type: 'ether',
        mac: null,
        state: 'up',
        addresses: ['10.0.0.5/24'],
        mtu: 9000,
        master: null,
      },
    ];
    expect(proposedOvnMtu(ovnOfferOf(facts, jumbo))).toBe(8942);
    expect(proposedOvnMtu(ovnOfferOf(facts, []))).toBe(1442);
  });
});
