import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import type { PortForward } from '../model/port-forward';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

function parse(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

function errors(xml: string): string[] {
  const r = parseNetworkXml(xml);
  return r.ok ? [] : r.errors.map((e) => `${e.element}: ${e.message}`);
}

const NS = 'https://vnm.example/xmlns/network/1.0';
const net = (metadata: string): string =>
  `<network>\n  <name>n</name>\n  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>\n${metadata}  <forward mode='nat'/>\n  <bridge name='virbr9' stp='on' delay='0'/>\n  <ip address='192.168.122.1' netmask='255.255.255.0'>\n  </ip>\n</network>\n`;

const CANONICAL = net(`  <metadata>
    <app:owner xmlns:app="urn:app">me</app:owner>
    <vnm:forwards xmlns:vnm="${NS}">
      <vnm:forward protocol="tcp" hostPort="8080" guestAddress="192.168.122.10" guestPort="80" description="web &amp; &lt;admin&gt; &quot;x&quot;"/>
      <vnm:forward protocol="all" hostAddress="10.0.0.2" hostPort="8000-8010" guestAddress="192.168.122.11" guestPort="9000-9010"/>
    </vnm:forwards>
  </metadata>
`);

describe('port forwards in <metadata>', () => {
  it('reads the forwards out of metadata and keeps the rest verbatim', () => {
    const def = parse(CANONICAL);
    expect(def.forwards).toEqual<PortForward[]>([
      {
        protocol: 'tcp',
        hostPort: { start: 8080, end: 8080 },
        guestAddress: '192.168.122.10',
        guestPort: { start: 80, end: 80 },
        description: 'web & <admin> "x"',
      },
      {
        protocol: 'all',
        hostAddress: '10.0.0.2',
        hostPort: { start: 8000, end: 8010 },
        guestAddress: '192.168.122.11',
        guestPort: { start: 9000, end: 9010 },
      },
    ]);
    expect(def.metadata).toContain('<app:owner xmlns:app="urn:app">me</app:owner>');
    expect(def.metadata).not.toContain('forward');
  });

  it('round-trips byte for byte', () => {
    expect(formatNetworkXml(parse(CANONICAL))).toBe(CANONICAL);
  });

  it('writes forwards added to a definition without metadata, and reads them back the same', () => {
    const def = parse(net(''));
    expect(def.metadata).toBeUndefined();
    expect(def.forwards).toBeUndefined();
    const forwards: PortForward[] = [
      {
        protocol: 'udp',
        hostPort: { start: 53, end: 53 },
        guestAddress: '192.168.122.5',
        guestPort: { start: 5353, end: 5353 },
        description: "line\nbreak\ttab; $(rm -rf /) `x` 'q'",
      },
    ];
    const xml = formatNetworkXml({ ...def, forwards });
    expect(xml).toContain(
      `<metadata>\n    <vnm:forwards xmlns:vnm="${NS}">\n      <vnm:forward protocol="udp"`,
    );
    expect(xml).toContain('description="line&#10;break&#9;tab; $(rm -rf /) `x` \'q\'"/>');
    expect(parse(xml).forwards).toEqual(forwards);
    expect(formatNetworkXml(parse(xml))).toBe(xml);
  });

  it('drops an emptied forwards list and its metadata', () => {
    const def = parse(CANONICAL);
    const only = parse(formatNetworkXml({ ...def, metadata: undefined }));
    expect(only.metadata).toBeUndefined();
    expect(formatNetworkXml({ ...only, forwards: undefined })).toBe(net(''));
  });

  it('recognises the namespace by URI, whatever the prefix, and defaults guestPort to hostPort', () => {
    const def = parse(
      net(
        `<metadata><f:forwards xmlns:f="${NS}"><f:forward protocol="tcp" hostPort="22" guestAddress="192.168.122.2"/></f:forwards></metadata>`,
      ),
    );
    expect(def.forwards).toEqual([
      {
        protocol: 'tcp',
        hostPort: { start: 22, end: 22 },
        guestAddress: '192.168.122.2',
        guestPort: { start: 22, end: 22 },
      },
    ]);
    expect(def.metadata).toBeUndefined();
  });

  it('leaves an element of another namespace named forwards alone', () => {
    const inner = '<x:forwards xmlns:x="urn:other"><x:forward protocol="tcp"/></x:forwards>';
    const def = parse(net(`<metadata>${inner}</metadata>`));
    expect(def.forwards).toBeUndefined();
    expect(def.metadata).toBe(inner);
  });

  it('reads a self-closing forwards element as none', () => {
    const def = parse(net(`<metadata><a/><vnm:forwards xmlns:vnm="${NS}"/></metadata>`));
    expect(def.forwards).toBeUndefined();
    expect(def.metadata).toBe('<a/>');
  });

  it.each([
    ['protocol="sctp" hostPort="1" guestAddress="192.168.122.2"', "protocol 'sctp'"],
    ['protocol="tcp" hostPort="http" guestAddress="192.168.122.2"', "hostPort 'http'"],
    ['protocol="tcp" hostPort="1" guestAddress="192.168.122.2" guestPort="1-"', "guestPort '1-'"],
    ['protocol="tcp" guestAddress="192.168.122.2"', 'lacks hostPort'],
    ['hostPort="1"', 'lacks protocol, guestAddress'],
  ])('refuses <vnm:forward %s>', (attrs, message) => {
    const errs = errors(
      net(`<metadata><vnm:forwards xmlns:vnm="${NS}"><vnm:forward ${attrs}/></vnm:forwards></metadata>`),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain('network/metadata/forwards/forward');
    expect(errs[0]).toContain(message);
  });
});
