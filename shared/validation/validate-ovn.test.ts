import { describe, expect, it } from 'vitest';
import type { OvnSettings } from '../model/ovn';
import { parseNetworkXml } from '../xml/parse-network';
import { validateNetworkDef } from './validate-network';

const BASE = parseNetworkXml(`<network><name>lab</name>
  <metadata><vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="isolated" subnet="10.20.0.0/24"/></metadata>
  <forward mode='bridge'/><bridge name='br-int'/><virtualport type='openvswitch'/></network>`);

const OVN: OvnSettings = {
  mode: 'nat',
  switchName: 'lab-switch',
  subnet: '10.20.0.0/24',
  dhcp: { start: '10.20.0.100', end: '10.20.0.199', leaseTime: 600, dns: [], domain: 'lab.example' },
  uplink: { chassis: 'host-a', physnet: 'uplink', address: '198.51.100.10/24', nexthop: '198.51.100.1' },
};

function problems(ovn: OvnSettings): string[] {
  if (!BASE.ok) throw new Error(BASE.errors[0]?.message);
  return validateNetworkDef({ ...BASE.def, ovn })
    .filter((e) => e.element.startsWith('network/metadata/ovn'))
    .map((e) => e.message);
}

describe('OVN settings: names and DHCP words', () => {
  it('takes ordinary values', () => {
    expect(problems(OVN)).toEqual([]);
    expect(problems({ ...OVN, switchName: 'Sw.1_x-y' })).toEqual([]);
  });

  it.each(['a"b', 'x,y', '--db=evil', 'a=b', '{}', '[', 'a\nb', 'z'.repeat(65), ''])(
    'refuses %j as a switch, chassis or physnet name, naming the field and the rule',
    (bad) => {
      const uplink = OVN.uplink!;
      for (const [field, ovn] of [
        ['switch name', { ...OVN, switchName: bad }],
        ['uplink chassis', { ...OVN, uplink: { ...uplink, chassis: bad } }],
        ['uplink physnet', { ...OVN, uplink: { ...uplink, physnet: bad } }],
      ] as const) {
        const [message] = problems(ovn);
        expect(message).toMatch(
          new RegExp(`^OVN ${field} ".*" of network 'lab' is not allowed: use 1 to 64 letters`),
        );
        expect(message).not.toContain('\n'); // a newline is shown escaped
      }
    },
  );

  it('refuses a domain that is not a DNS name, and a lease time DHCP cannot carry', () => {
    expect(problems({ ...OVN, dhcp: { ...OVN.dhcp!, domain: 'a"b' } })).toEqual([
      `OVN DHCP domain "a\\"b" of network 'lab' is not a DNS name (it contains '"'; use letters, digits, '-', '_' and dots); use a name such as lab.example.`,
    ]);
    expect(problems({ ...OVN, dhcp: { ...OVN.dhcp!, domain: 'x'.repeat(300) } })[0]).toMatch(
      /^OVN DHCP domain "x{40}…" .* 300 characters long/,
    );
    for (const leaseTime of [0, 2 ** 32])
      expect(problems({ ...OVN, dhcp: { ...OVN.dhcp!, leaseTime } })).toEqual([
        `OVN DHCP leaseTime ${leaseTime} of network 'lab' is out of range; use 1 to 4294967295 seconds, such as 3600.`,
      ]);
  });
});
