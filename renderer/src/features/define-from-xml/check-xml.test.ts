import { describe, expect, it } from 'vitest';
import { checkNetworkXml, lineOfElement } from './check-xml';

const GOOD = `<network>
  <name>imported</name>
  <forward mode='nat'/>
  <ip address='10.66.0.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.66.0.100' end='10.66.0.200'/>
    </dhcp>
  </ip>
</network>`;

describe('checkNetworkXml', () => {
  it('finds nothing in a valid definition', () => {
    expect(checkNetworkXml(GOOD)).toEqual([]);
  });

  it('asks for XML when there is none', () => {
    expect(checkNetworkXml('  \n')).toEqual([
      { message: 'Choose a file or paste network XML first.', line: null },
    ]);
  });

  it('gives a malformed document’s parser message with its line', () => {
    const [finding] = checkNetworkXml(GOOD.replace('</dhcp>', '</dhcpx>'));
    expect(finding?.line).toBe(7);
    expect(finding?.message).toMatch(/dhcp/);
  });

  it('gives libvirt’s message for a bad forward mode on the forward line', () => {
    const [finding] = checkNetworkXml(GOOD.replace("mode='nat'", "mode='natt'"));
    expect(finding?.message).toMatch(/natt/);
    expect(finding?.line).toBe(3);
  });

  it('marks a DHCP range outside the subnet on the range’s line', () => {
    const findings = checkNetworkXml(GOOD.replace("end='10.66.0.200'", "end='10.67.0.200'"));
    expect(findings[0]?.message).toMatch(/10\.67\.0\.200/);
    expect(findings[0]?.line).toBe(6);
  });
});

describe('lineOfElement', () => {
  it('follows a path down to the deepest element that exists', () => {
    expect(lineOfElement(GOOD, 'network/ip/dhcp/range')).toBe(6);
    expect(lineOfElement(GOOD, 'network/ip/tftp')).toBe(4);
    expect(lineOfElement('<oops', 'network')).toBeNull();
  });
});
