/** Sample data for the FAKE vnmd (fake-vnm-api.ts): a small, plausible host. */
import type { Counters, HostInfo, HostInterface, NetworkSummary, OvnHostFacts } from '@shared/rpc/contract';
import { networkSummary } from '@shared/rpc/network-summary-fixtures';

export function fakeNetworks(): NetworkSummary[] {
  const n = networkSummary;
  return [
    n('default', 1, { active: true, autostart: true, bridge: 'virbr0' }),
    n('dmz', 2, { active: true, kind: 'route', bridge: 'virbr1' }),
    n('lab', 3, { kind: 'isolated' }),
    n('scratch', 4, { active: true, persistent: false, bridge: 'virbr2', kind: 'open' }),
  ];
}

export function fakeNetworkXml(n: NetworkSummary): string {
  const forward = n.kind === 'isolated' ? '' : `\n  <forward mode='${n.kind}'/>`;
  return `<network>
  <name>${n.name}</name>
  <uuid>${n.uuid}</uuid>${forward}
  <bridge name='${n.bridge ?? 'virbr9'}' stp='on' delay='0'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <domain name='${n.name}.lan'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
      <host mac='52:54:00:12:34:50' name='guest1' ip='192.168.122.10'/>
    </dhcp>
  </ip>
</network>
`;
}

export function fakeCounters(name: string, rxRate: number, txRate: number): Counters {
  return {
    name,
    rxBytes: rxRate * 600,
    txBytes: txRate * 600,
    rxPackets: Math.round(rxRate / 800),
    txPackets: Math.round(txRate / 800),
    rxErrors: 0,
    txErrors: 0,
    rxDropped: 0,
    txDropped: 0,
    rxBytesPerSec: rxRate,
    txBytesPerSec: txRate,
  };
}

export function fakeHost(): HostInfo {
  return {
    hostname: 'fakehost',
    kernel: '6.1.0-fake',
    vnmdVersion: '0.1.0',
    dnsmasqVersion: '2.89',
    nftVersion: '1.0.6',
    firewallBackend: 'nftables',
    ipv4Forwarding: true,
    ipv6Forwarding: false,
    statsInterval: 1,
  };
}

/** A host without OVN, as most are: the wizard offers no OVN mode and says what to install. */
export function fakeOvnMissing(): OvnHostFacts {
  return {
    ready: false,
    problems: ['install openvswitch-switch and ovn-host (apt-get install openvswitch-switch ovn-host)'],
    missingPackages: ['openvswitch-switch', 'ovn-host'],
    ovsVswitchdPid: null,
    ovnControllerPid: null,
    systemId: null,
    ovnRemote: null,
    encapType: null,
    encapIp: null,
    bridgeMappings: null,
    northbound: { db: 'unix:/run/ovn/ovnnb_db.sock', reachable: false, error: 'no such file', ms: 0 },
  };
}

/** A ready OVN chassis: eth0 (fakeInterfaces) is its underlay, and it maps physnet 'uplink'. */
export function fakeOvnReady(): OvnHostFacts {
  return {
    ready: true,
    problems: [],
    missingPackages: [],
    ovsVswitchdPid: 4001,
    ovnControllerPid: 4002,
    systemId: 'host-a',
    ovnRemote: 'tcp:10.0.0.1:6642',
    encapType: 'geneve',
    encapIp: '10.0.0.5',
    bridgeMappings: 'uplink:br-ex',
    northbound: { db: 'tcp:10.0.0.1:6641', reachable: true, error: null, ms: 3 },
  };
}

export function fakeInterfaces(): HostInterface[] {
  return [
    {
      name: 'eth0',
      type: 'ether',
      mac: '52:54:00:aa:bb:cc',
      state: 'up',
      addresses: ['10.0.0.5/24'],
      mtu: 1500,
      master: null,
    },
    {
      name: 'lo',
      type: 'loopback',
      mac: null,
      state: 'unknown',
      addresses: ['127.0.0.1/8'],
      mtu: 65536,
      master: null,
    },
    {
      name: 'virbr0',
      type: 'bridge',
      mac: '52:54:00:0a:0b:0c',
      state: 'up',
      addresses: ['192.168.122.1/24'],
      mtu: 1500,
      master: null,
    },
    {
      name: 'vnet0',
      type: 'tun',
      mac: 'fe:54:00:12:34:50',
      state: 'up',
      addresses: [],
      mtu: 1500,
      master: 'virbr0',
    },
  ];
}
