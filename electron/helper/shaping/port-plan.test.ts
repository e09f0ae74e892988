import { describe, expect, it } from 'vitest';
import { LEAF_LIMIT, shapingCommands } from './bandwidth-plan';
import {
  defaultClassCommand,
  isPortIfb,
  plugFloorCommands,
  portIfbName,
  portShapingPlan,
  unplugFloorCommands,
} from './port-plan';

const UUID = '5d1e8fde-5a24-4e37-a0e8-39d35e6b4c3a';
const lines = (cmds: string[][]) => cmds.map((c) => c.join(' '));

describe('port shaping plan', () => {
  it('shapes the port device: inbound on its egress, outbound through an ifb of the port', () => {
    const plan = portShapingPlan({ inbound: { average: 500 }, outbound: { average: 200, burst: 32 } }, UUID)!;
    const ifb = portIfbName(UUID);
    const { ip, tc } = shapingCommands(plan, 'vnet3');
    expect(lines(ip)).toEqual([`link add ${ifb} type ifb`, `link set dev ${ifb} up`]);
    expect(lines(tc)).toEqual([
      'qdisc add dev vnet3 root handle 1: htb default 1',
      'class add dev vnet3 parent 1: classid 1:1 htb rate 500kbps',
      `qdisc add dev vnet3 parent 1:1 handle 2: pfifo limit ${LEAF_LIMIT}`,
      `qdisc add dev ${ifb} root handle 1: htb default 1`,
      `class add dev ${ifb} parent 1: classid 1:1 htb rate 200kbps burst 32kb`,
      `qdisc add dev ${ifb} parent 1:1 handle 2: pfifo limit ${LEAF_LIMIT}`,
      'qdisc add dev vnet3 handle ffff: ingress',
      `filter add dev vnet3 parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev ${ifb}`,
    ]);
  });

  it('shapes nothing on the device for a floor alone', () => {
    expect(portShapingPlan({ inbound: { floor: 100 } }, UUID)).toBeNull();
  });

  it('names the ifb within 15 characters, per port, recognisably', () => {
    const ifb = portIfbName(UUID);
    expect(ifb).toMatch(/^vnmpifb[0-9a-f]{8}$/);
    expect(ifb.length).toBeLessThanOrEqual(15);
    expect(portIfbName(UUID.replace('5d1e', '5d1f'))).not.toBe(ifb);
    expect(isPortIfb(ifb)).toBe(true);
    expect(isPortIfb('virbr0-ifb')).toBe(false);
  });
});

describe('floor on the bridge', () => {
  it("plugs libvirt's class (rate floor, ceil the network's peak) with a destination-MAC filter", () => {
    const cmds = plugFloorCommands('virbr0', { average: 1000, peak: 1500 }, '52:54:00:AB:cd:01', 11, 300);
    expect(lines(cmds)).toEqual([
      'class add dev virbr0 parent 1:1 classid 1:b htb rate 300kbps ceil 1500kbps',
      `qdisc add dev virbr0 parent 1:b handle b: pfifo limit ${LEAF_LIMIT}`,
      'filter add dev virbr0 parent 1: protocol all prio 2 handle 800::b u32 ' +
        'match u32 0x00abcd01 0xffffffff at -12 match u16 0x5254 0xffff at -14 flowid 1:b',
    ]);
  });

  it("takes the network's average as ceil when it has no peak", () => {
    expect(lines(plugFloorCommands('br', { average: 800 }, '52:54:00:00:00:01', 3, 100))[0]).toContain(
      'rate 100kbps ceil 800kbps',
    );
  });

  it('unplugs filter, leaf and class, in an order the kernel accepts', () => {
    expect(lines(unplugFloorCommands('virbr0', 3))).toEqual([
      'filter del dev virbr0 parent 1: prio 2 handle 800::3 u32',
      'qdisc del dev virbr0 parent 1:3 handle 3:',
      'class del dev virbr0 classid 1:3',
    ]);
  });

  it('gives the default class what the floors leave, and the average back when none is plugged', () => {
    expect(defaultClassCommand('br', { average: 1000, burst: 64 }, 300).join(' ')).toBe(
      'class change dev br parent 1:1 classid 1:2 htb rate 700kbps ceil 1000kbps burst 64kb',
    );
    expect(defaultClassCommand('br', { average: 1000, peak: 2000 }, 300).join(' ')).toContain(
      'rate 1700kbps ceil 2000kbps',
    );
    expect(defaultClassCommand('br', { average: 1000, peak: 2000 }, 0).join(' ')).toContain(
      'rate 1000kbps ceil 2000kbps',
    );
    expect(defaultClassCommand('br', { average: 1000 }, 1000).join(' ')).toContain(
      'rate 1kbps ceil 1000kbps',
    );
  });
});
