import { describe, expect, it } from 'vitest';
import { checkDnsmasqFile, confLineProblem, quoteConfValue } from './conf-syntax';

describe('quoteConfValue', () => {
  it('leaves plain paths as they are, libvirt-escaped names included', () => {
    expect(quoteConfValue('/run/vnm/dnsmasq/lab.pid')).toBe('/run/vnm/dnsmasq/lab.pid');
    expect(quoteConfValue('/x/a&quot;b.pid')).toBe('/x/a&quot;b.pid');
  });

  it('quotes blanks, #, commas, quotes and backslashes the way dnsmasq unquotes them', () => {
    expect(quoteConfValue('/x/a #b.pid')).toBe('"/x/a #b.pid"');
    expect(quoteConfValue('/x/a"b\\c,d')).toBe('"/x/a\\"b\\\\c,d"');
    expect(quoteConfValue('/x/réseau.pid')).toBe('"/x/réseau.pid"');
  });

  it('refuses a control character', () => {
    expect(() => quoteConfValue('/x/a\nb')).toThrow(/control character U\+000A/);
  });
});

describe('confLineProblem (dnsmasq 2.90 one_file)', () => {
  it.each([
    ['port=0', false],
    ['server=#', false],
    ['txt-record=a,b#c', false],
    ['pid-file="/x/a #b"', false],
    ['pid-file="/x/a\\"b"', false],
    ['##    virsh net-edit a"b', true],
  ])('accepts %j', (line, comment) => expect(confLineProblem(line, comment)).toBeUndefined());

  it.each([
    ['txt-record=a,b #c', /would start a comment/],
    ['# comment', /would start a comment/],
    ['port= "53"#x', /would start a comment/],
    ['txt-record=a,b"c', /never closed/],
    ['pid-file="/x\\"', /never closed/],
    ['txt-record=a\rb', /U\+000D/],
    [`txt-record=a,${'x'.repeat(1011)}`, /1024 bytes long/],
  ])('refuses %j', (line, pattern) => expect(confLineProblem(line, false)).toMatch(pattern));

  it('accepts a line of 1,023 bytes', () => {
    expect(confLineProblem(`txt-record=a,${'x'.repeat(1010)}`, false)).toBeUndefined();
  });
});

describe('checkDnsmasqFile', () => {
  it('names the line and the option it refuses', () => {
    expect(() => checkDnsmasqFile('port=0\ntxt-record=a,"b\n', 'conf')).toThrow(
      /conf file: line 2 \(txt-record\) it has a '"' that is never closed/,
    );
  });

  it('refuses any # in an addn-hosts file, and allows its tabs', () => {
    expect(checkDnsmasqFile('10.0.0.1\ta\tb\t\n', 'addnhosts')).toBe('10.0.0.1\ta\tb\t\n');
    expect(() => checkDnsmasqFile('10.0.0.1\ta#b\t\n', 'addnhosts')).toThrow(/comment/);
  });

  it('refuses comment lines in a dhcp-hostsfile', () => {
    expect(() => checkDnsmasqFile('#x\n', 'hostsfile')).toThrow(/comment/);
  });
});
