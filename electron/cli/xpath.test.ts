import { describe, expect, it } from 'vitest';
import { CliFailure } from './context';
import { dumpXPath, parseXPath } from './xpath';

const XML = `<network>
  <name>lab</name>
  <forward mode='nat'/>
  <ip address='10.1.0.1' prefix='24'>
    <dhcp>
      <range start='10.1.0.10' end='10.1.0.20'/>
      <host mac='52:54:00:00:00:01' name='a' ip='10.1.0.11'/>
      <host mac='52:54:00:00:00:02' name='b' ip='10.1.0.12'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00::1' prefix='64'/>
</network>
`;

describe('net-dumpxml --xpath', () => {
  it.each([
    ['/network/name', '<name>lab</name>\n'],
    ['name', '<name>lab</name>\n'],
    ['./forward', '<forward mode="nat"/>\n'],
    ['//ip/@address', ' address="10.1.0.1"\n address="fd00::1"\n'],
    ['//host[2]', '<host mac="52:54:00:00:00:02" name="b" ip="10.1.0.12"/>\n'],
    ["//host[@name='a']/@ip", ' ip="10.1.0.11"\n'],
    ['ip[@family]/@prefix', ' prefix="64"\n'],
    [
      '//range/..',
      '<dhcp>\n  <range start="10.1.0.10" end="10.1.0.20"/>\n  <host mac="52:54:00:00:00:01" name="a" ip="10.1.0.11"/>\n  <host mac="52:54:00:00:00:02" name="b" ip="10.1.0.12"/>\n</dhcp>\n',
    ],
    ['/network/ip[1]/dhcp/host[last()]/@name', ' name="b"\n'],
    ['ip//@start', ' start="10.1.0.10"\n'],
    ['//bogus', ''],
  ])('%s', (expr, out) => {
    expect(dumpXPath(XML, expr, false)).toBe(out);
  });

  it('indents nested elements as libxml2 does', () => {
    expect(dumpXPath(XML, '/network/ip[1]', false)).toBe(
      '<ip address="10.1.0.1" prefix="24">\n  <dhcp>\n    <range start="10.1.0.10" end="10.1.0.20"/>\n' +
        '    <host mac="52:54:00:00:00:01" name="a" ip="10.1.0.11"/>\n' +
        '    <host mac="52:54:00:00:00:02" name="b" ip="10.1.0.12"/>\n  </dhcp>\n</ip>\n',
    );
  });

  it('wraps the results in <nodes> with --wrap', () => {
    expect(dumpXPath(XML, '//name', true)).toBe('<nodes>\n  <name>lab</name>\n</nodes>\n');
    expect(dumpXPath(XML, '//nothing', true)).toBe('<nodes/>\n');
  });

  it.each(['count(//host)', '//host | //range', 'ip[position()>1]', '', '/network/'])(
    'refuses %j with what it supports',
    (expr) => {
      expect(() => parseXPath(expr)).toThrow(CliFailure);
      expect(() => parseXPath(expr)).toThrow(/subset vnm supports/);
    },
  );
});
