import { describe, expect, it } from 'vitest';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { hasShaping } from './port-bandwidth-apply';
import { wantedPorts } from './port-bandwidth-keeper';

const port = (uuid: string, mac: string, over: Partial<NetworkPortDef> = {}): NetworkPortDef => ({
  uuid,
  ownerName: 'g',
  ownerUuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  mac,
  ...over,
});
const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';
const U3 = '00000000-0000-4000-8000-000000000003';

describe('which ports to shape', () => {
  it('ports with an average, or a floor with its class; not a port with neither', () => {
    expect(hasShaping(port(U1, 'm', { bandwidth: { outbound: { average: 1 } } }))).toBe(true);
    expect(hasShaping(port(U1, 'm', { bandwidth: { inbound: { floor: 5 } }, classId: 3 }))).toBe(true);
    expect(hasShaping(port(U1, 'm', { bandwidth: { inbound: { floor: 5 } } }))).toBe(false);
    expect(hasShaping(port(U1, 'm'))).toBe(false);
  });

  it("those whose device is on their network's bridge now, keyed network/uuid", () => {
    const ports = {
      list: (n: string) =>
        n === 'a'
          ? [
              port(U1, '52:54:00:00:00:01', { bandwidth: { inbound: { average: 10 } } }),
              port(U2, '52:54:00:00:00:02', { bandwidth: { inbound: { average: 10 } } }),
              port(U3, '52:54:00:00:00:01'),
            ]
          : [],
    };
    const devices: Record<string, { name: string; ifindex: number }> = {
      'br-a 52:54:00:00:00:01': { name: 'vnet1', ifindex: 11 },
    };
    const wanted = wantedPorts(
      [
        { name: 'a', bridge: 'br-a', netIn: { average: 100 } },
        { name: 'b', bridge: 'br-b', netIn: null },
      ],
      ports,
      (bridge, mac) => devices[`${bridge} ${mac}`] ?? null,
    );
    expect([...wanted.keys()]).toEqual([`a/${U1}`]);
    expect(wanted.get(`a/${U1}`)).toMatchObject({
      bridge: 'br-a',
      device: { name: 'vnet1' },
      netIn: { average: 100 },
    });
  });
});
