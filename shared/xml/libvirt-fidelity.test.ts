/**
 * Inputs libvirt 9.0 accepts that vnm used to refuse or change (issue #16): each is read
 * as libvirt reads it and written back as libvirt writes it.
 */
import { describe, expect, it } from 'vitest';
import { buildDnsmasqConfig } from '../dnsmasq/config';
import type { NetworkDef } from '../model/network';
import { networkKind } from '../model/network';
import { validateNetworkDef } from '../validation/validate-network';
import { validateForStart } from '../validation/validate-start';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

function parse(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

const PATHS = { pidFile: '/p.pid', hostsFile: '/h', addnHostsFile: '/a', bridge: 'br1' };

describe("<forward mode='none'/>", () => {
  it('is an isolated network, and a dev on it is dropped', () => {
    const def = parse(
      "<network><name>iso</name><forward mode='none' dev='eth9'/><bridge name='br1'/><ip address='10.9.0.1' prefix='24'/></network>",
    );
    expect(def.forward).toBeUndefined();
    expect(networkKind(def)).toBe('isolated');
    const xml = formatNetworkXml(def);
    expect(xml).not.toContain('<forward');
    expect(xml).not.toContain('eth9');
    expect(xml).toContain("<bridge name='br1' stp='on' delay='0'/>");
  });

  it('still refuses a <nat> inside it, as for any mode but nat', () => {
    const r = parseNetworkXml(
      "<network><name>iso</name><forward mode='none'><nat><port start='1' end='2'/></nat></forward></network>",
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]?.message).toMatch(/<nat> element can only be used when <forward> 'mode' is 'nat'/);
  });
});

describe('short IPv4 forms (inet_aton)', () => {
  const def = parse(`<network><name>s</name>
    <dns><forwarder addr='10.1.53'/><host ip='10.1.7'><hostname>h</hostname></host></dns>
    <ip address='10.1.1' netmask='255.255.255.0'>
      <dhcp><range start='10.1.100' end='10.1.0x80'/><host mac='52:54:00:00:00:01' ip='10.1.9'/></dhcp>
    </ip>
    <route address='10.2.0' prefix='24' gateway='10.1.2'/>
  </network>`);

  it('are accepted and written back as dotted quads', () => {
    const xml = formatNetworkXml(def);
    for (const quad of [
      '10.1.0.53',
      '10.1.0.7',
      '10.1.0.1',
      '10.1.0.100',
      '10.1.0.128',
      '10.1.0.9',
      '10.2.0.0',
      '10.1.0.2',
    ])
      expect(xml).toContain(`'${quad}'`);
    expect(xml).not.toMatch(/'10\.1\.\d+'/);
  });

  it('pass validation once normalised', () => {
    expect(validateNetworkDef(def).filter((e) => e.kind === 'invalid')).toEqual([]);
  });

  it('reach dnsmasq normalised', () => {
    const conf = buildDnsmasqConfig(def, PATHS);
    expect(conf).toContain('server=10.1.0.53\n');
    expect(conf).toContain('dhcp-range=10.1.0.100,10.1.0.128,255.255.255.0\n');
  });
});

describe('<forwarder port>', () => {
  const xml = `<network><name>f</name><dns>
      <forwarder domain='lab.example' addr='192.0.2.53' port='5353'/>
      <forwarder addr='192.0.2.54'/>
    </dns><ip address='10.3.0.1' prefix='24'/></network>`;

  it('is kept through define and dumpxml, after addr', () => {
    const out = formatNetworkXml(parse(xml));
    expect(out).toContain("<forwarder domain='lab.example' addr='192.0.2.53' port='5353'/>");
    expect(formatNetworkXml(parse(out))).toBe(out);
  });

  it("is applied: dnsmasq sends that domain's queries to the port", () => {
    const conf = buildDnsmasqConfig(parse(xml), PATHS);
    expect(conf).toContain('server=/lab.example/192.0.2.53#5353\n');
    expect(conf).toContain('server=192.0.2.54\n');
  });

  it.each([
    ['not a number', "port='x'", /Invalid forwarder port 'x'/],
    ['zero', "addr='192.0.2.1' port='0'", /Invalid forwarder port '0'.*1 to 65535/],
    ['over 65535', "addr='192.0.2.1' port='65536'", /Invalid forwarder port '65536'/],
    ['without addr', "domain='d' port='53'", /has no addr/],
  ])('refuses a port %s', (_why, attrs, message) => {
    const r = parseNetworkXml(`<network><name>f</name><dns><forwarder ${attrs}/></dns></network>`);
    const messages = r.ok ? validateNetworkDef(r.def).map((e) => e.message) : r.errors.map((e) => e.message);
    expect(messages.join('\n')).toMatch(message);
  });
});

describe('an all-zero bridge MAC', () => {
  const xml = (mac: string) =>
    `<network><name>z</name><bridge name='vnmz0'/><mac address='${mac}'/><ip address='10.8.0.1' prefix='24'/></network>`;

  it('is defined, as libvirt defines it, and refused at start in libvirt words', () => {
    const def = parse(xml('00:00:00:00:00:00'));
    expect(validateNetworkDef(def)).toEqual([]);
    expect(validateForStart(def).map((e) => e.message)).toEqual([
      "Cannot set interface MAC to 00:00:00:00:00:00 on 'vnmz0': Cannot assign requested address; give <mac address> another value, or leave <mac> out to have one generated.",
    ]);
  });

  it('does not catch a MAC with any byte set', () => {
    expect(validateForStart(parse(xml('52:54:00:00:00:00')))).toEqual([]);
    expect(validateForStart(parse(xml('0:0:0:0:0:2')))).toEqual([]);
  });
});
