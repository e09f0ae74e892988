import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgePortCarrying, ifindexOf } from './port-device';

// A stand-in /sys/class/net with the files the lookup reads.
const sys = mkdtempSync(join(tmpdir(), 'vnm-sysnet-'));
function link(name: string, mac: string, ifindex: number, master?: string) {
  mkdirSync(join(sys, name), { recursive: true });
  writeFileSync(join(sys, name, 'address'), `${mac}\n`);
  writeFileSync(join(sys, name, 'ifindex'), `${ifindex}\n`);
  if (master) {
    mkdirSync(join(sys, master, 'brif'), { recursive: true });
    writeFileSync(join(sys, master, 'brif', name), '');
  }
}
link('br0', '02:00:00:00:00:01', 2);
link('vnet0', 'fe:54:00:00:00:0a', 7, 'br0');
link('veth1', '52:54:00:00:00:0b', 8, 'br0');
afterAll(() => rmSync(sys, { recursive: true, force: true }));

describe('the bridge port carrying a guest MAC', () => {
  it("finds a tap by the guest's MAC with fe first, and a veth by the MAC itself", () => {
    expect(bridgePortCarrying('br0', '52:54:00:00:00:0a', sys)).toEqual({ name: 'vnet0', ifindex: 7 });
    expect(bridgePortCarrying('br0', '52:54:00:00:00:0B', sys)).toEqual({ name: 'veth1', ifindex: 8 });
  });

  it('finds nothing for another MAC, a missing bridge, or a gone device', () => {
    expect(bridgePortCarrying('br0', '52:54:00:00:00:0c', sys)).toBeNull();
    expect(bridgePortCarrying('br9', '52:54:00:00:00:0a', sys)).toBeNull();
    expect(ifindexOf('gone', sys)).toBeNull();
  });
});
