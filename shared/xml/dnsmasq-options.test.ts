import { describe, expect, it } from 'vitest';
import { buildDnsmasqConfig } from '../dnsmasq/config';
import type { NetworkDef } from '../model/network';
import { validateNetworkDef } from '../validation/validate-network';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

const NS = 'http://libvirt.org/schemas/network/dnsmasq/1.0';

function parse(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

const INPUT = `<network xmlns:dm='${NS}'>
  <name>opts</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <dm:options>
    <dm:option value='cname=alias.lab,host.lab'/>
    <dm:option value="dhcp-option=option:ntp-server,10.6.0.1"/>
  </dm:options>
  <bridge name='br6'/>
  <ip address='10.6.0.1' prefix='24'><dhcp><range start='10.6.0.10' end='10.6.0.20'/></dhcp></ip>
  <other:options xmlns:other='urn:not-dnsmasq'><other:option value='not-this'/></other:options>
  <dm:options><dm:option value='log-queries'/></dm:options>
</network>`;

describe('<dnsmasq:options>', () => {
  const def = parse(INPUT);

  it('are read by namespace, whatever the prefix, in document order', () => {
    expect(def.dnsmasqOptions).toEqual([
      'cname=alias.lab,host.lab',
      'dhcp-option=option:ntp-server,10.6.0.1',
      'log-queries',
    ]);
  });

  it("are written as libvirt writes them: xmlns on the root, libvirt's prefix, last", () => {
    const xml = formatNetworkXml({ ...def, connections: 2 }, { live: true });
    expect(xml.split('\n')[0]).toBe(`<network xmlns:dnsmasq='${NS}' connections='2'>`);
    expect(xml).toMatch(
      /<\/ip>\n {2}<dnsmasq:options>\n {4}<dnsmasq:option value='cname=alias.lab,host.lab'\/>\n {4}<dnsmasq:option value='dhcp-option=option:ntp-server,10.6.0.1'\/>\n {4}<dnsmasq:option value='log-queries'\/>\n {2}<\/dnsmasq:options>\n<\/network>\n$/,
    );
    expect(formatNetworkXml(parse(xml))).toBe(formatNetworkXml(def));
  });

  it('leave a network without options as before: no xmlns, no element', () => {
    const plain = formatNetworkXml({ ...def, dnsmasqOptions: undefined });
    expect(plain).not.toContain('dnsmasq');
  });

  it("reach dnsmasq after libvirt's own lines, one per line, in order", () => {
    const conf = buildDnsmasqConfig(def, {
      pidFile: '/run/p.pid',
      hostsFile: '/h',
      addnHostsFile: '/a',
      leaseFile: '/l',
      bridge: 'br6',
    });
    const lines = conf.trimEnd().split('\n');
    const at = lines.indexOf('cname=alias.lab,host.lab');
    expect(lines.slice(at, at + 3)).toEqual([
      'cname=alias.lab,host.lab',
      'dhcp-option=option:ntp-server,10.6.0.1',
      'log-queries',
    ]);
    expect(lines.slice(0, at)).toContain('addn-hosts=/a');
    // vnm's own lease file line stays after them, where vnm always puts its lines.
    expect(lines.slice(at + 3)).toEqual(['dhcp-leasefile=/l']);
  });

  it('refuse an option without value, with what to do', () => {
    const r = parseNetworkXml(
      `<network xmlns:dnsmasq='${NS}'><name>n</name><dnsmasq:options><dnsmasq:option/></dnsmasq:options></network>`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/No dnsmasq options value specified.*value='...'/);
  });

  it.each([
    ['a newline', 'cname=a,b&#10;dhcp-script=/tmp/x', /control character U\+000A/],
    ['a carriage return', 'log-queries&#13;', /control character U\+000D/],
    ['an open quote', 'dhcp-option="x', /never closed/],
    ['a line dnsmasq would cut', `txt-record=t,${'x'.repeat(1100)}`, /1024-byte pieces/],
  ])('stay one line each: %s is refused', (_why, value, problem) => {
    const d = parse(
      `<network xmlns:dnsmasq='${NS}'><name>n</name><dnsmasq:options><dnsmasq:option value='${value}'/></dnsmasq:options></network>`,
    );
    const messages = validateNetworkDef(d).map((e) => e.message);
    expect(messages.join('\n')).toMatch(problem);
    expect(messages.join('\n')).toMatch(/write each option as one line/);
  });
});
