import { describe, expect, it } from 'vitest';
import type { DhcpHost, IpDef } from '../model/network';
import { buildAddnHostsFile, buildHostsFile } from './hosts-file';

const ip4 = (hosts: DhcpHost[]): IpDef => ({
  address: '192.168.122.1',
  netmask: '255.255.255.0',
  dhcp: { ranges: [], hosts },
});
const ip6 = (hosts: DhcpHost[]): IpDef => ({
  family: 'ipv6',
  address: '2001:db8:ac10:fd01::1',
  prefix: 64,
  dhcp: { ranges: [], hosts },
});

describe('buildHostsFile', () => {
  it('writes mac,ip,name for IPv4 and the DUID/name forms for IPv6 (dhcp6host-routed-network)', () => {
    const file = buildHostsFile({
      ips: [
        ip4([
          { mac: '00:16:3e:77:e2:ed', name: 'a.example.com', ip: '192.168.122.10' },
          { mac: '00:16:3e:3e:a9:1a', name: 'b.example.com', ip: '192.168.122.11' },
        ]),
        ip6([
          { id: '0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63', ip: '2001:db8:ac10:fd01::1:20' },
          { name: 'paul', ip: '2001:db8:ac10:fd01::1:21' },
          { id: '0:3:0:1:0:16:3e:11:22:33', name: 'peter.xyz', ip: '2001:db8:ac10:fd01::1:22' },
        ]),
      ],
    });
    expect(file).toBe(
      '00:16:3e:77:e2:ed,192.168.122.10,a.example.com\n' +
        '00:16:3e:3e:a9:1a,192.168.122.11,b.example.com\n' +
        'id:0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63,[2001:db8:ac10:fd01::1:20]\n' +
        'paul,[2001:db8:ac10:fd01::1:21]\n' +
        'id:0:3:0:1:0:16:3e:11:22:33,peter.xyz,[2001:db8:ac10:fd01::1:22]\n',
    );
  });

  it('writes name,ip and mac,ip when one of the two is missing', () => {
    const file = buildHostsFile({
      ips: [
        ip4([
          { name: 'only-name', ip: '192.168.122.20' },
          { mac: '52:54:00:00:00:01', ip: '192.168.122.21' },
        ]),
      ],
    });
    expect(file).toBe('only-name,192.168.122.20\n52:54:00:00:00:01,192.168.122.21\n');
  });

  it('appends lease times as libvirt does (leasetime-hours/-seconds/-infinite)', () => {
    const file = buildHostsFile({
      ips: [
        ip4([
          { mac: '00:16:3e:77:e2:ed', name: 'a', ip: '192.168.122.10', lease: { expiry: 2, unit: 'hours' } },
          {
            mac: '00:16:3e:77:e2:ee',
            name: 'b',
            ip: '192.168.122.11',
            lease: { expiry: 300, unit: 'seconds' },
          },
          { mac: '00:16:3e:77:e2:ef', name: 'c', ip: '192.168.122.12', lease: { expiry: 0 } },
          { mac: '00:16:3e:77:e2:f0', name: 'd', ip: '192.168.122.13', lease: { expiry: 5 } },
        ]),
        ip6([{ name: 'e', ip: '2001:db8:ac10:fd01::9', lease: { expiry: 1, unit: 'hours' } }]),
      ],
    });
    expect(file.split('\n')).toEqual([
      '00:16:3e:77:e2:ed,192.168.122.10,a,2h',
      '00:16:3e:77:e2:ee,192.168.122.11,b,300s',
      '00:16:3e:77:e2:ef,192.168.122.12,c,infinite',
      '00:16:3e:77:e2:f0,192.168.122.13,d,5m',
      'e,[2001:db8:ac10:fd01::9],1h',
      '',
    ]);
  });

  it('skips hosts without an address and keeps duplicates (s4-33)', () => {
    const file = buildHostsFile({
      ips: [
        ip4([
          { mac: '52:54:00:10:20:31', name: 'noip' },
          { mac: '52:54:00:10:20:31', name: 'one', ip: '192.168.150.150' },
          { mac: '52:54:00:10:20:31', name: 'two', ip: '192.168.150.151' },
        ]),
      ],
    });
    expect(file).toBe('52:54:00:10:20:31,192.168.150.150,one\n52:54:00:10:20:31,192.168.150.151,two\n');
  });

  it('is empty when no <ip> has DHCP, and ignores hosts of a second non-DHCP family element', () => {
    expect(buildHostsFile({ ips: [{ address: '192.168.122.1', prefix: 24 }] })).toBe('');
  });

  it('lists IPv4 hosts first even when the IPv6 <ip> comes first', () => {
    const file = buildHostsFile({
      ips: [
        ip6([{ name: 'six', ip: '2001:db8:ac10:fd01::6' }]),
        ip4([{ name: 'four', ip: '192.168.122.4' }]),
      ],
    });
    expect(file).toBe('four,192.168.122.4\nsix,[2001:db8:ac10:fd01::6]\n');
  });
});

describe('buildAddnHostsFile', () => {
  it('writes ip<TAB>name<TAB>... per address (nat-network-dns-hosts)', () => {
    const file = buildAddnHostsFile({
      dns: {
        forwarders: [],
        txts: [],
        srvs: [],
        hosts: [
          { ip: '192.168.122.122', hostnames: ['pudding'] },
          { ip: '192.168.122.1', hostnames: ['host', 'gateway'] },
          { ip: 'fd8f:1391:3a82:150::c0a8:9603', hostnames: ['shared', 'names'] },
        ],
      },
    });
    expect(file).toBe(
      '192.168.122.122\tpudding\t\n' +
        '192.168.122.1\thost\tgateway\t\n' +
        'fd8f:1391:3a82:150::c0a8:9603\tshared\tnames\t\n',
    );
  });

  it('merges names of hosts that share an address, comparing normalised addresses', () => {
    const file = buildAddnHostsFile({
      dns: {
        forwarders: [],
        txts: [],
        srvs: [],
        hosts: [
          { ip: 'FD00:0::1', hostnames: ['a'] },
          { ip: '10.0.0.1', hostnames: ['b'] },
          { ip: 'fd00::1', hostnames: ['c'] },
          { ip: '10.0.0.2', hostnames: [] },
        ],
      },
    });
    expect(file).toBe('fd00::1\ta\tc\t\n10.0.0.1\tb\t\n');
  });

  it('is empty without <dns>', () => {
    expect(buildAddnHostsFile({})).toBe('');
  });
});
