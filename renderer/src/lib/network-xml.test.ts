// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { editNetworkXml, readNetworkXml } from './network-xml';

const XML = `<network>
  <name>default</name>
  <forward mode='nat' dev='eth0'/>
  <bridge name='virbr0'/>
  <domain name='example.lan'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
      <host mac='52:54:00:00:00:01' name='web' ip='192.168.122.10'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00::1' prefix='64'/>
</network>`;

describe('readNetworkXml', () => {
  it('reads the facts the Details tab shows', () => {
    const f = readNetworkXml(XML);
    expect(f.domain).toBe('example.lan');
    expect(f.mtu).toBeNull();
    expect(f.forwardMode).toBe('nat');
    expect(f.forwardDev).toBe('eth0');
    expect(f.ips).toEqual([
      {
        family: 'ipv4',
        address: '192.168.122.1/24',
        dhcpRanges: [{ start: '192.168.122.2', end: '192.168.122.254' }],
        hosts: [{ mac: '52:54:00:00:00:01', name: 'web', ip: '192.168.122.10' }],
      },
      { family: 'ipv6', address: 'fd00::1/64', dhcpRanges: [], hosts: [] },
    ]);
  });

  it('calls a network without <forward> isolated, and a bare <forward> NAT', () => {
    expect(readNetworkXml('<network><name>a</name></network>').forwardMode).toBe('isolated');
    expect(readNetworkXml('<network><name>a</name><forward/></network>').forwardMode).toBe('nat');
  });
});

describe('editNetworkXml', () => {
  it('changes the domain, adds the MTU before <ip>, and keeps everything else', () => {
    const out = editNetworkXml(XML, { domain: 'lab.lan', mtu: '9000' });
    const f = readNetworkXml(out);
    expect(f.domain).toBe('lab.lan');
    expect(f.mtu).toBe(9000);
    expect(out.indexOf('<mtu')).toBeLessThan(out.indexOf('<ip'));
    expect(out).toContain('<host mac="52:54:00:00:00:01" name="web" ip="192.168.122.10"/>');
  });

  it('removes the elements when the fields are emptied', () => {
    const out = editNetworkXml(XML, { domain: '', mtu: '' });
    expect(out).not.toContain('<domain');
    expect(readNetworkXml(out).domain).toBeNull();
  });
});
