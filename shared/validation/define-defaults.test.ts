import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from '../xml/parse-network';
import { assignBridgeAndMac, fillDefineDefaults, pickBridgeName } from './define-defaults';

function def(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

const mac = () => '52:54:00:0a:0b:0c';

describe('bridge name templates', () => {
  it('expand to the first free name of the form, skipping names in use', () => {
    expect(pickBridgeName(new Set(), 'lab%dbr')).toBe('lab0br');
    expect(pickBridgeName(new Set(['lab0br', 'lab1br', 'lab3br']), 'lab%dbr')).toBe('lab2br');
  });

  it('are expanded at define, as libvirt does', () => {
    const filled = fillDefineDefaults(
      def("<network><name>lab</name><bridge name='lab%dbr'/><ip address='10.4.0.1' prefix='24'/></network>"),
      { uuid: () => 'u', mac, takenBridges: new Set(['lab0br']) },
    );
    expect(filled.bridge?.name).toBe('lab1br');
  });

  it('keep the name a previous version already expanded to', () => {
    const first = def("<network><name>lab</name><bridge name='lab%dbr'/></network>");
    const previous = assignBridgeAndMac(first, null, new Set(), mac);
    const again = assignBridgeAndMac(first, previous, new Set(['lab0br']), mac);
    expect(again.bridge?.name).toBe('lab0br');
  });

  it('say what to do when no name of the form is left', () => {
    const taken = new Set(Array.from({ length: 4096 }, (_, i) => `x${i}`));
    expect(() => pickBridgeName(taken, 'x%d')).toThrow(
      /No free bridge name of the form x%d.*name the bridge/,
    );
  });
});
