import { describe, expect, it } from 'vitest';
import { ifbName, LEAF_LIMIT, planOn, shapingCommands, shapingPlan } from './bandwidth-plan';

const lines = (cmds: string[][]) => cmds.map((c) => c.join(' '));

describe('bandwidth plan', () => {
  it("shapes inbound on the bridge egress with libvirt's tree (1:1 the whole, 1:2 the default), in libvirt units", () => {
    const plan = shapingPlan({ inbound: { average: 1000, peak: 2000, burst: 256 } }, 'virbr3')!;
    expect(plan.outbound).toBeNull();
    const { ip, tc } = shapingCommands(plan, 'virbr3');
    expect(ip).toEqual([]);
    expect(lines(tc)).toEqual([
      'qdisc add dev virbr3 root handle 1: htb default 2',
      'class add dev virbr3 parent 1: classid 1:1 htb rate 1000kbps ceil 2000kbps burst 256kb',
      'class add dev virbr3 parent 1:1 classid 1:2 htb rate 1000kbps ceil 2000kbps burst 256kb',
      `qdisc add dev virbr3 parent 1:2 handle 2: pfifo limit ${LEAF_LIMIT}`,
    ]);
  });

  it('shapes a port device with one class (no floor classes go there)', () => {
    const plan = planOn({ inbound: { average: 300 } }, 'x-ifb', false)!;
    expect(lines(shapingCommands(plan, 'vnet0').tc)).toEqual([
      'qdisc add dev vnet0 root handle 1: htb default 1',
      'class add dev vnet0 parent 1: classid 1:1 htb rate 300kbps',
      `qdisc add dev vnet0 parent 1:1 handle 2: pfifo limit ${LEAF_LIMIT}`,
    ]);
  });

  it('shapes outbound on an ifb that the bridge ingress is redirected to', () => {
    const plan = shapingPlan({ outbound: { average: 500 } }, 'virbr3')!;
    const { ip, tc } = shapingCommands(plan, 'virbr3');
    expect(lines(ip)).toEqual(['link add virbr3-ifb type ifb', 'link set dev virbr3-ifb up']);
    expect(lines(tc)).toEqual([
      'qdisc add dev virbr3-ifb root handle 1: htb default 1',
      'class add dev virbr3-ifb parent 1: classid 1:1 htb rate 500kbps',
      `qdisc add dev virbr3-ifb parent 1:1 handle 2: pfifo limit ${LEAF_LIMIT}`,
      'qdisc add dev virbr3 handle ffff: ingress',
      'filter add dev virbr3 parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev virbr3-ifb',
    ]);
  });

  it('never lets ceil fall below the rate, and shapes nothing without an average', () => {
    const plan = shapingPlan({ inbound: { average: 300, peak: 100 } }, 'b')!;
    expect(lines(shapingCommands(plan, 'b').tc)[1]).toContain('rate 300kbps ceil 300kbps');
    expect(lines(shapingCommands(plan, 'b').tc)[2]).toContain('rate 300kbps ceil 300kbps');
    expect(shapingPlan(undefined, 'b')).toBeNull();
    expect(shapingPlan({}, 'b')).toBeNull();
    expect(shapingPlan({ inbound: { floor: 10 } }, 'b')).toBeNull();
  });

  it('keeps the ifb name within 15 characters, the same for the same bridge', () => {
    expect(ifbName('virbr0')).toBe('virbr0-ifb');
    expect(ifbName('abcdefghijk')).toBe('abcdefghijk-ifb');
    const long = ifbName('abcdefghijklmno');
    expect(long).toMatch(/^vnmifb[0-9a-f]{8}$/);
    expect(ifbName('abcdefghijklmno')).toBe(long);
    expect(ifbName('abcdefghijklmnp')).not.toBe(long);
  });
});
