import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { assignBridgeAndMac, generateMac, pickBridgeName } from './allocate';

const def = (extra: Partial<NetworkDef> = {}): NetworkDef => ({
  name: 'n',
  ips: [],
  routes: [],
  portgroups: [],
  ...extra,
});

describe('allocation', () => {
  it('picks the first free virbrN', () => {
    expect(pickBridgeName(new Set(['virbr0', 'virbr2']))).toBe('virbr1');
    expect(pickBridgeName(new Set(['lab0']), 'lab%d')).toBe('lab1');
  });

  it('generates MACs under 52:54:00', () => {
    expect(generateMac()).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
  });

  it('keeps what a definition or its previous version has, fills the rest', () => {
    const filled = assignBridgeAndMac(
      def({ forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] } }),
      null,
      new Set(['virbr0']),
    );
    expect(filled.bridge?.name).toBe('virbr1');
    expect(filled.mac).toMatch(/^52:54:00/);
    const again = assignBridgeAndMac(def(), filled, new Set(['virbr0', 'virbr1']));
    expect([again.bridge?.name, again.mac]).toEqual(['virbr1', filled.mac]);
    const named = assignBridgeAndMac(def({ bridge: { name: 'br9', stp: 'no' } }), null, new Set());
    expect(named.bridge).toEqual({ name: 'br9', stp: 'no' });
  });

  it("leaves networks on someone else's bridge alone", () => {
    const bridged = def({
      forward: { mode: 'bridge', interfaces: [], pf: [], addresses: [] },
      bridge: { name: 'br0' },
    });
    expect(assignBridgeAndMac(bridged, null, new Set())).toBe(bridged);
  });
});
