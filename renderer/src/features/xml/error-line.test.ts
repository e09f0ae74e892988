import { describe, expect, it } from 'vitest';
import { elementsByLine, errorLine, namedElements } from './error-line';

// A wizard-made network renamed from 'lab' to 'lab2', keeping lab's uuid (and its domain).
const RENAMED = `<network>
  <name>lab2</name>
  <uuid>0c5e4ff1-2b1a-4c55-9f1e-4a4f0b4c7d10</uuid>
  <forward mode='nat'>
    <nat>
      <address start='10.0.0.300' end='10.0.0.9'/>
    </nat>
  </forward>
  <domain name='lab' localOnly='yes'/>
  <ip address='192.168.100.1' prefix='24'>
    <dhcp>
      <range start='192.168.100.128' end='192.168.100.254'/>
    </dhcp>
  </ip>
</network>`;

describe('errorLine', () => {
  it('marks <uuid> for a renamed network with the old uuid, not the line quoting the old name', () => {
    const message =
      "network 'lab' is already defined with uuid 0c5e4ff1-2b1a-4c55-9f1e-4a4f0b4c7d10; give this network another <uuid> or leave it out.";
    expect(errorLine(RENAMED, message)).toBe(3);
    const other =
      "network 'lab2' already exists with uuid 11111111-2b1a-4c55-9f1e-4a4f0b4c7d10; use that uuid or leave <uuid> out to redefine it.";
    expect(errorLine(RENAMED, other)).toBe(3);
  });

  it('marks the quoted value when it sits inside the element the message names', () => {
    expect(
      errorLine(RENAMED, "Bad ipv4 start address '10.0.0.300' in <nat> in <forward> in network 'lab2'."),
    ).toBe(6);
  });

  it('marks a quoted value when no element is named, and a parser position before anything', () => {
    expect(errorLine(RENAMED, "Invalid address '192.168.100.1' in network 'lab2': use an address.")).toBe(10);
    expect(errorLine(RENAMED, 'error on line 7 at column 3: mismatch')).toBe(7);
    expect(errorLine(RENAMED, 'it failed', '4:17: unclosed tag: ip')).toBe(4);
    expect(errorLine(RENAMED, 'no quotes here')).toBeNull();
  });

  it('marks the named element when the value is not written, and ignores elements not in the text', () => {
    expect(errorLine(RENAMED, "range is not within <ip>'s network in network lab2")).toBe(10);
    expect(errorLine(RENAMED, 'add a <tftp> element')).toBeNull();
  });
});

describe('elementsByLine and namedElements', () => {
  it('knows which elements are open on each line', () => {
    const open = elementsByLine(RENAMED);
    expect(open[5]).toEqual(['network', 'forward', 'nat', 'address']);
    expect(open[8]).toEqual(['network', 'domain']);
    expect(open[14]).toEqual(['network']);
  });

  it('reads element names written as <name>, <name attr> and <name/>', () => {
    expect(namedElements("set <nat ipv6='yes'/> in <forward> or <ip>'s <dhcp/>")).toEqual([
      'nat',
      'forward',
      'ip',
      'dhcp',
    ]);
  });
});
