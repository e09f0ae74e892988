import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { isolationChoice } from './port-isolation-keeper';

const net = (isolated?: 'yes'): NetworkDef => ({
  name: 'n',
  ips: [],
  routes: [],
  portgroups: [],
  ...(isolated ? { portIsolated: isolated } : {}),
});
const port = (mac: string, isolated?: 'yes' | 'no'): NetworkPortDef => ({
  uuid: '5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a',
  ownerName: 'g',
  ownerUuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  mac,
  ...(isolated ? { isolated } : {}),
});

describe('which bridge ports to isolate', () => {
  it('none on a network without the flag and without isolated ports', () => {
    expect(isolationChoice(net(), [port('52:54:00:00:00:01', 'no')])).toBeNull();
  });

  it("an isolated port's device: its guest MAC, or that MAC with fe first as libvirt's taps carry", () => {
    const choose = isolationChoice(net(), [port('52:54:00:00:00:01', 'yes')])!;
    expect(choose('52:54:00:00:00:01')).toBe(true);
    expect(choose('fe:54:00:00:00:01')).toBe(true);
    expect(choose('fe:54:00:00:00:02')).toBe(false);
    expect(choose(null)).toBe(false);
  });

  it("every port of an isolated network but a port recorded with isolated='no'", () => {
    const choose = isolationChoice(net('yes'), [port('52:54:00:00:00:01', 'no')])!;
    expect(choose('fe:54:00:00:00:01')).toBe(false);
    expect(choose('fe:54:00:00:00:09')).toBe(true);
  });
});
