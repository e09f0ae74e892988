import { describe, expect, it } from 'vitest';
import { formatOvnFacts } from './host-ovn';

describe('host-ovn', () => {
  it('prints the chassis and, when the control plane is gone, each problem with what to do', () => {
    const text = formatOvnFacts({
      ready: false,
      problems: [
        "OVN's northbound database at tcp:192.0.2.1:6641 did not answer within 3 s (timed out): the control plane is unreachable; …",
      ],
      missingPackages: [],
      ovsVswitchdPid: 10,
      ovnControllerPid: null,
      systemId: 'host-a',
      ovnRemote: 'tcp:192.0.2.1:6642',
      encapType: 'geneve',
      encapIp: '192.0.2.11',
      bridgeMappings: null,
      northbound: { db: 'tcp:192.0.2.1:6641', reachable: false, error: 'x', ms: 3004 },
    });
    expect(text).toBe(
      [
        'Chassis:         host-a',
        'OVN remote:      tcp:192.0.2.1:6642',
        'Encap:           geneve 192.0.2.11',
        'Bridge mappings: -',
        'ovs-vswitchd:    running (pid 10)',
        'ovn-controller:  not running',
        'Northbound DB:   tcp:192.0.2.1:6641, unreachable (3004 ms)',
        'Ready:           no',
        "  problem: OVN's northbound database at tcp:192.0.2.1:6641 did not answer within 3 s (timed out): the control plane is unreachable; …",
        '',
        '',
      ].join('\n'),
    );
  });
});
