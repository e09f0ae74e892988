import { describe, expect, it } from 'vitest';
import { formatNetworkPortXml } from './format-network-port';
import { parseNetworkPortXml } from './parse-network-port';

const FULL = `<networkport>
  <uuid>5D1E8FDE-5A24-4e37-a0e8-39d35e6b4c3a</uuid>
  <owner>
    <name>myguest</name>
    <uuid>3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid>
  </owner>
  <group>web</group>
  <mac address='52:54:0:1:2:AB'/>
  <rxfilters trustGuest='yes'/>
  <port isolated='yes'/>
  <bandwidth><inbound average='1000' peak='2000' burst='512'/></bandwidth>
  <plug type='network' bridge='virbr0' macTableManager='kernel'/>
</networkport>`;

/** What libvirt's virNetworkPortDefFormat writes for FULL: its order, its normal forms. */
const FULL_OUT = `<networkport>
  <uuid>5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a</uuid>
  <owner>
    <name>myguest</name>
    <uuid>3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid>
  </owner>
  <group>web</group>
  <mac address='52:54:00:01:02:ab'/>
  <bandwidth>
    <inbound average='1000' peak='2000' burst='512'/>
  </bandwidth>
  <port isolated='yes'/>
  <rxfilters trustGuest='yes'/>
  <plug type='network' bridge='virbr0' macTableManager='kernel'/>
</networkport>
`;

function parsed(xml: string) {
  const r = parseNetworkPortXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

function firstError(xml: string): string {
  const r = parseNetworkPortXml(xml);
  if (r.ok) throw new Error('parsed, but should not have');
  return r.errors[0]!.message;
}

const port = (body: string) =>
  `<networkport><uuid>5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a</uuid><owner><name>g</name><uuid>3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b</uuid></owner>${body}</networkport>`;

describe('network port XML', () => {
  it('writes what libvirt writes: its element order, lower-case UUID and MAC, zero-padded MAC', () => {
    expect(formatNetworkPortXml(parsed(FULL))).toBe(FULL_OUT);
  });

  it('reads back what it writes', () => {
    const def = parsed(FULL);
    expect(parsed(formatNetworkPortXml(def))).toEqual(def);
  });

  it('writes every plug type as libvirt does', () => {
    const direct = parsed(port(`<mac address='52:54:00:00:00:01'/><plug type='direct' dev='eth0'/>`));
    expect(formatNetworkPortXml(direct)).toContain(`<plug type='direct' dev='eth0' mode='vepa'/>`);
    const pci = parsed(
      port(
        `<mac address='52:54:00:00:00:01'/><plug type='hostdev-pci' managed='yes'><driver name='vfio'/><address domain='0' bus='0x3' slot='16' function='1'/></plug>`,
      ),
    );
    expect(formatNetworkPortXml(pci)).toContain(
      `  <plug type='hostdev-pci' managed='yes'>\n    <driver name='vfio'/>\n    <address domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>\n  </plug>\n`,
    );
  });

  it("refuses what libvirt refuses, in libvirt's words and saying what to do", () => {
    expect(firstError('<networkport><mac address="52:54:00:00:00:01"/></networkport>')).toMatch(
      /^network port has no uuid: add <uuid>/,
    );
    expect(firstError(port(`<mac address='52:54:00:00:00:zz'/>`))).toMatch(
      /^Unable to parse MAC '52:54:00:00:00:zz'/,
    );
    expect(firstError(port(''))).toMatch(/^network port has no mac/);
    expect(firstError(port(`<mac address='52:54:00:00:00:01'/><plug type='tap'/>`))).toMatch(
      /attribute 'type' in element 'plug': 'tap'/,
    );
    expect(firstError(port(`<mac address='52:54:00:00:00:01'/><plug type='bridge'/>`))).toMatch(
      /^Missing network port bridge name/,
    );
    expect(firstError('<network><name>x</name></network>')).toMatch(
      /^expecting root element of 'networkport'/,
    );
    expect(firstError('<networkport>')).toBeTruthy();
    expect(
      firstError(
        `<networkport><uuid>nope</uuid><owner><name>g</name><uuid>x</uuid></owner><mac address='52:54:00:00:00:01'/></networkport>`,
      ),
    ).toMatch(/^Unable to parse UUID 'nope'/);
  });

  it('keeps the floor class libvirt records on <bandwidth> as classID, and writes it back', () => {
    const def = parsed(
      port(`<mac address='52:54:00:00:00:01'/><bandwidth classID='3'><inbound floor='100'/></bandwidth>`),
    );
    expect(def.classId).toBe(3);
    expect(formatNetworkPortXml(def)).toContain(
      "<bandwidth classID='3'>\n    <inbound floor='100'/>\n  </bandwidth>",
    );
    expect(formatNetworkPortXml({ ...def, classId: undefined })).toContain('<bandwidth>\n');
  });
});
