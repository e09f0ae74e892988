// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { droppedElements, elementPaths } from './dropped-elements';

const STORED = `<network>
  <name>lab</name>
  <uuid>0c5e4ff1-2b1a-4c55-9f1e-4a4f0b4c7d10</uuid>
  <ip address='10.77.0.1' prefix='24'>
    <dhcp>
      <range start='10.77.0.100' end='10.77.0.199'/>
    </dhcp>
  </ip>
</network>`;

describe('droppedElements', () => {
  it('names each element the stored definition lacks, outermost only, with its parent', () => {
    const edited = STORED.replace('<uuid>', '<frobnicate><inner/></frobnicate>\n  <uuid>').replace(
      '<range',
      "<rnage start='10.77.0.5' end='10.77.0.6'/>\n      <range",
    );
    expect(droppedElements(edited, STORED)).toEqual(['<frobnicate> in <network>', '<rnage> in <dhcp>']);
  });

  it('names nothing when everything was kept, or when the edit was not XML', () => {
    expect(droppedElements(STORED, STORED)).toEqual([]);
    expect(droppedElements('<network><name>', STORED)).toEqual([]);
    // What vnmd adds (uuid, mac, bridge) is not a loss.
    expect(droppedElements(STORED.replace(/ *<uuid>.*\n/, ''), STORED)).toEqual([]);
  });

  it('reads element paths', () => {
    expect([...elementPaths(STORED)]).toEqual([
      'network',
      'network/name',
      'network/uuid',
      'network/ip',
      'network/ip/dhcp',
      'network/ip/dhcp/range',
    ]);
  });
});
