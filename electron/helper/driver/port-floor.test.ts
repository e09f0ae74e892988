import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { VnmError } from '../../../shared/rpc/errors';
import { checkPortBandwidth, nextClassId } from './port-floor';

const net = (over: Partial<NetworkDef> = {}): NetworkDef => ({
  name: 'qos',
  forward: { mode: 'nat', interfaces: [], pf: [], addresses: [] },
  ips: [],
  routes: [],
  portgroups: [],
  bandwidth: { inbound: { average: 1000 } },
  ...over,
});
const port = (mac: string, floor?: number, classId?: number): NetworkPortDef => ({
  uuid: '5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a',
  ownerName: 'g',
  ownerUuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  mac,
  ...(floor !== undefined ? { bandwidth: { inbound: { floor } } } : {}),
  ...(classId !== undefined ? { classId } : {}),
});
const A = '52:54:00:00:00:0a';

function refusal(fn: () => unknown): VnmError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VnmError) return e;
  }
  throw new Error('not refused');
}

describe("a port's floor on its network", () => {
  it('needs no class without a floor, and takes the first free class from 3', () => {
    expect(checkPortBandwidth(net(), 'br', port(A), [])).toBeUndefined();
    expect(checkPortBandwidth(net(), 'br', port(A, 100), [])).toBe(3);
    expect(nextClassId([port(A, 1, 3), port(A, 1, 5)])).toBe(4);
  });

  it('fits while the floors together stay within the average; refuses beyond it in libvirt words', () => {
    expect(checkPortBandwidth(net(), 'br', port(A, 400), [port(A, 600, 3)])).toBe(4);
    const e = refusal(() => checkPortBandwidth(net(), 'br', port(A, 401), [port(A, 600, 3)]));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(
      /^Requested operation is not valid: Cannot plug '52:54:00:00:00:0a' interface into 'br' because new combined inbound floor=1001 would overcommit average=1000 on network 'qos'; lower/,
    );
  });

  it("checks against the network's peak when it has one, as libvirt does", () => {
    const peaked = net({ bandwidth: { inbound: { average: 1000, peak: 1500 } } });
    expect(checkPortBandwidth(peaked, 'br', port(A, 1500), [])).toBe(3);
    expect(refusal(() => checkPortBandwidth(peaked, 'br', port(A, 1501), [])).message).toMatch(
      /floor=1501 would overcommit peak=1500 on network 'qos'/,
    );
  });

  it('refuses a floor on a network without an inbound limit, or of a kind without floors', () => {
    const e = refusal(() =>
      checkPortBandwidth(net({ bandwidth: { outbound: { average: 5 } } }), 'br', port(A, 1), []),
    );
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(
      /^Operation not supported: Invalid use of 'floor' on interface with MAC address 52:54:00:00:00:0a - network 'qos' has no inbound QoS set; /,
    );
    const bridged = net({ forward: { mode: 'bridge', interfaces: [], pf: [], addresses: [] } });
    expect(refusal(() => checkPortBandwidth(bridged, 'br0', port(A, 1), [])).message).toMatch(
      /'floor' is only supported for interface type 'network' with forward type 'nat', 'route', 'open' or none/,
    );
  });

  it("refuses what libvirt's port parser refuses (an outbound floor)", () => {
    const p = { ...port(A), bandwidth: { outbound: { average: 1, floor: 2 } } };
    expect(refusal(() => checkPortBandwidth(net(), 'br', p, [])).message).toMatch(
      /'floor' attribute allowed only in <inbound> element/,
    );
  });
});
