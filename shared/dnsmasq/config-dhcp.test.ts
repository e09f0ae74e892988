import { describe, expect, it } from 'vitest';
import type { IpDef, NetworkDef } from '../model/network';
import { buildDnsmasqConfig, dnsmasqNeeded, type DnsmasqPaths } from './config';

function net(over: Partial<NetworkDef>): NetworkDef {
  return {
    name: 'n',
    ips: [],
    routes: [],
    portgroups: [],
    forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
    ...over,
  };
}

const PATHS: DnsmasqPaths = { pidFile: '/p', hostsFile: '/h', addnHostsFile: '/a', bridge: 'br9' };

const v4 = (over: Partial<IpDef> = {}): IpDef => ({
  address: '192.168.122.1',
  netmask: '255.255.255.0',
  ...over,
});
const v6 = (over: Partial<IpDef> = {}): IpDef => ({
  family: 'ipv6',
  address: 'fd00::1',
  prefix: 64,
  ...over,
});
const dhcp = (over: Partial<NonNullable<IpDef['dhcp']>> = {}): NonNullable<IpDef['dhcp']> => ({
  ranges: [],
  hosts: [],
  ...over,
});

/** Everything after `interface=`: the DHCP, hosts, MTU and RA part of the file. */
function tail(def: NetworkDef, paths: DnsmasqPaths = PATHS): string[] {
  const lines = buildDnsmasqConfig(def, paths).split('\n');
  return lines.slice(lines.indexOf(`interface=${paths.bridge}`) + 1, -1);
}

describe('buildDnsmasqConfig: DHCP ranges', () => {
  it('writes lease times in hours, seconds, minutes (the default unit) and infinite', () => {
    const ranges = [
      { start: '192.168.122.2', end: '192.168.122.9', lease: { expiry: 1, unit: 'hours' as const } },
      { start: '192.168.122.10', end: '192.168.122.19', lease: { expiry: 200, unit: 'seconds' as const } },
      { start: '192.168.122.20', end: '192.168.122.29', lease: { expiry: 30 } },
      { start: '192.168.122.30', end: '192.168.122.39', lease: { expiry: 0, unit: 'hours' as const } },
    ];
    expect(tail(net({ ips: [v4({ dhcp: dhcp({ ranges }) })] })).slice(0, 4)).toEqual([
      'dhcp-range=192.168.122.2,192.168.122.9,255.255.255.0,1h',
      'dhcp-range=192.168.122.10,192.168.122.19,255.255.255.0,200s',
      'dhcp-range=192.168.122.20,192.168.122.29,255.255.255.0,30m',
      'dhcp-range=192.168.122.30,192.168.122.39,255.255.255.0,infinite',
    ]);
  });

  it('sums both families into dhcp-lease-max and writes IPv6 ranges with the prefix', () => {
    const def = net({
      ips: [
        v4({
          netmask: '255.255.254.0',
          dhcp: dhcp({ ranges: [{ start: '192.168.122.2', end: '192.168.123.1' }] }),
        }),
        v6({
          dhcp: dhcp({
            ranges: [{ start: 'fd00::100', end: 'fd00::1ff', lease: { expiry: 2, unit: 'hours' } }],
          }),
        }),
      ],
    });
    expect(tail(def)).toEqual([
      'dhcp-range=192.168.122.2,192.168.123.1,255.255.254.0',
      'dhcp-no-override',
      'dhcp-authoritative',
      'dhcp-range=fd00::100,fd00::1ff,64,2h',
      'dhcp-lease-max=512',
      'dhcp-hostsfile=/h',
      'addn-hosts=/a',
      'enable-ra',
    ]);
  });

  it('derives the netmask from prefix= or from the address class when neither is given', () => {
    const byPrefix = net({
      ips: [
        { address: '10.1.0.1', prefix: 16, dhcp: dhcp({ ranges: [{ start: '10.1.0.2', end: '10.1.0.3' }] }) },
      ],
    });
    expect(tail(byPrefix)[0]).toBe('dhcp-range=10.1.0.2,10.1.0.3,255.255.0.0');
    const classful = net({
      ips: [{ address: '10.24.10.1', dhcp: dhcp({ ranges: [{ start: '10.24.10.2', end: '10.24.10.3' }] }) }],
    });
    expect(tail(classful)[0]).toBe('dhcp-range=10.24.10.2,10.24.10.3,255.0.0.0');
  });

  it('refuses a non-contiguous netmask, a reversed range and a range over 65535', () => {
    const bad = (ip: IpDef) => () => buildDnsmasqConfig(net({ ips: [ip] }), PATHS);
    const r = (start: string, end: string) => dhcp({ ranges: [{ start, end }] });
    expect(bad(v4({ netmask: '255.0.255.0', dhcp: r('192.168.122.2', '192.168.122.3') }))).toThrow(
      /invalid prefix/,
    );
    expect(bad(v4({ dhcp: r('192.168.122.9', '192.168.122.3') }))).toThrow(/reversed/);
    expect(bad(v4({ netmask: '255.0.0.0', dhcp: r('192.1.0.1', '192.2.0.1') }))).toThrow(/too large/);
  });

  it('refuses two IPv4 <ip> elements that both have DHCP, as libvirt does', () => {
    const one = dhcp({ ranges: [{ start: '192.168.122.2', end: '192.168.122.3' }] });
    const two = dhcp({ ranges: [{ start: '192.168.123.2', end: '192.168.123.3' }] });
    const def = net({ ips: [v4({ dhcp: one }), v4({ address: '192.168.123.1', dhcp: two })] });
    expect(() => buildDnsmasqConfig(def, PATHS)).toThrow(/multiple DHCP definitions/);
  });

  it('serves DHCP on the first <ip> with a range, skipping earlier ones without', () => {
    const def = net({
      ips: [
        v4({ address: '10.0.0.1', netmask: '255.255.255.0' }),
        v4({ dhcp: dhcp({ ranges: [{ start: '192.168.122.2', end: '192.168.122.2' }] }) }),
      ],
    });
    expect(tail(def).slice(0, 4)).toEqual([
      'dhcp-range=192.168.122.2,192.168.122.2,255.255.255.0',
      'dhcp-no-override',
      'dhcp-authoritative',
      'dhcp-lease-max=1',
    ]);
  });
});

describe('buildDnsmasqConfig: boot, TFTP, MTU, RA and vnm additions', () => {
  it('writes dhcp-boot with and without a boot server', () => {
    const ranges = [{ start: '192.168.122.2', end: '192.168.122.254' }];
    const withServer = net({
      ips: [v4({ dhcp: dhcp({ ranges, bootp: { file: 'pxeboot.img', server: '10.20.30.40' } }) })],
    });
    expect(tail(withServer)[3]).toBe('dhcp-boot=pxeboot.img,,10.20.30.40');
    const plain = net({ ips: [v4({ dhcp: dhcp({ ranges, bootp: { file: 'pxe.img' } }) })] });
    expect(tail(plain)[3]).toBe('dhcp-boot=pxe.img');
  });

  it('enables TFTP once, with one tftp-root per IPv4 address, before DHCP', () => {
    const def = net({
      ips: [
        v4({
          tftp: { root: '/srv/a' },
          dhcp: dhcp({ ranges: [{ start: '192.168.122.2', end: '192.168.122.3' }] }),
        }),
        v4({ address: '192.168.123.1', tftp: { root: '/srv/b' } }),
        v6({ tftp: { root: '/srv/v6-is-ignored' } }),
      ],
    });
    expect(tail(def).slice(0, 4)).toEqual([
      'enable-tftp',
      'tftp-root=/srv/a',
      'tftp-root=/srv/b',
      'dhcp-range=192.168.122.2,192.168.122.3,255.255.255.0',
    ]);
  });

  it('writes TFTP without DHCP, and no hosts file line then (netboot-tftp)', () => {
    expect(tail(net({ ips: [v4({ tftp: { root: '/var/lib/tftproot' } })] }))).toEqual([
      'enable-tftp',
      'tftp-root=/var/lib/tftproot',
      'addn-hosts=/a',
    ]);
  });

  it('tells clients the MTU after the hosts files', () => {
    expect(tail(net({ mtu: 9000, ips: [v4()] }))).toEqual(['addn-hosts=/a', 'dhcp-option=option:mtu,9000']);
  });

  it('writes one ra-only range per IPv6 address when no IPv6 address has DHCP', () => {
    const def = net({ ips: [v4(), v6({ address: 'FD00:0:0:1::1' }), v6({ address: 'fd00:0:0:2::1' })] });
    expect(tail(def)).toEqual([
      'addn-hosts=/a',
      'dhcp-range=fd00:0:0:1::1,ra-only',
      'dhcp-range=fd00:0:0:2::1,ra-only',
    ]);
  });

  it('adds dhcp-leasefile and dhcp-script only when vnm asks, at the very end', () => {
    const paths = {
      ...PATHS,
      leaseFile: '/var/lib/vnm/dnsmasq/n.leases',
      leaseHelper: '/usr/lib/vnm/lease-helper',
    };
    expect(tail(net({ ips: [v4()] }), paths)).toEqual([
      'addn-hosts=/a',
      'dhcp-leasefile=/var/lib/vnm/dnsmasq/n.leases',
      'dhcp-script=/usr/lib/vnm/lease-helper',
    ]);
    expect(buildDnsmasqConfig(net({ ips: [v4()] }), PATHS)).not.toMatch(/leasefile|dhcp-script/);
  });
});

describe('dnsmasqNeeded', () => {
  const ranges = dhcp({ ranges: [{ start: '192.168.122.2', end: '192.168.122.3' }] });
  const noDns = { enable: 'no' as const, forwarders: [], txts: [], hosts: [], srvs: [] };

  it('is false without any <ip> (empty-allow-ipv6)', () => {
    expect(dnsmasqNeeded(net({ forward: undefined, ipv6: 'yes' }))).toBe(false);
  });

  it('is false with DNS disabled and neither DHCP nor TFTP (routed-network-no-dns)', () => {
    expect(dnsmasqNeeded(net({ ips: [v4()], dns: noDns }))).toBe(false);
  });

  it('is true with DNS disabled when DHCP or TFTP still needs dnsmasq', () => {
    expect(dnsmasqNeeded(net({ ips: [v4({ dhcp: ranges })], dns: noDns }))).toBe(true);
    expect(dnsmasqNeeded(net({ ips: [v4({ tftp: { root: '/t' } })], dns: noDns }))).toBe(true);
  });

  it('is true for any managed kind with an address and DNS on', () => {
    for (const forward of [undefined, { mode: 'route' as const, interfaces: [], pf: [], addresses: [] }]) {
      expect(dnsmasqNeeded(net({ forward, ips: [v4()] }))).toBe(true);
    }
  });

  it('is false for bridge, macvtap and hostdev networks (direct-net, vepa-net)', () => {
    for (const mode of ['bridge', 'vepa', 'passthrough', 'private', 'hostdev'] as const) {
      expect(
        dnsmasqNeeded(
          net({ forward: { mode, interfaces: [{ dev: 'eth10' }], pf: [], addresses: [] }, ips: [v4()] }),
        ),
      ).toBe(false);
    }
  });
});
