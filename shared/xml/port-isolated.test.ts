/**
 * `<port isolated>` as libvirt 9.0 reads and writes it (network_conf.c): a tristate kept as
 * given, written after <bandwidth> and before the first <ip>; a portgroup has no such option,
 * so a <port> inside one is not read (libvirt's portgroup parser never looks for it).
 */
import { describe, expect, it } from 'vitest';
import { formatNetworkXml } from './format-network';
import { parseNetworkXml } from './parse-network';

const UUID = '11111111-2222-3333-4444-555555555555';

function roundTrip(inner: string): string {
  const r = parseNetworkXml(`<network><name>a</name><uuid>${UUID}</uuid>${inner}</network>`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return formatNetworkXml(r.def);
}

describe('<port isolated>', () => {
  it('is written after <bandwidth> and before <ip>, whatever order it came in', () => {
    const xml = roundTrip(
      "<ip address='10.0.0.1' prefix='24'/><port isolated='yes'/><bandwidth><inbound average='100'/></bandwidth><bridge name='x'/>",
    );
    expect(xml).toContain(
      "  <bandwidth>\n    <inbound average='100'/>\n  </bandwidth>\n  <port isolated='yes'/>\n  <ip address='10.0.0.1' prefix='24'>",
    );
  });

  it("keeps an explicit isolated='no', and writes nothing when absent", () => {
    expect(roundTrip("<bridge name='x'/><port isolated='no'/>")).toContain("<port isolated='no'/>");
    expect(roundTrip("<bridge name='x'/>")).not.toContain('<port');
  });

  it('does not read a <port> inside a portgroup', () => {
    const xml = roundTrip("<bridge name='x'/><portgroup name='pg'><port isolated='yes'/></portgroup>");
    expect(xml).toContain("  <portgroup name='pg'>\n  </portgroup>\n");
    expect(xml).not.toContain('isolated');
  });
});
