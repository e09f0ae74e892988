import { describe, expect, it } from 'vitest';
import { inputAcceptSpecs } from './input-accepts';

const plan = {
  network: 'pxe',
  bridge: 'virbr5',
  mode: 'nat' as const,
  ipv4: [{ subnet: '10.5.0.1/24' }],
  ipv6: [],
};

describe('INPUT accepts for an iptables INPUT drop policy', () => {
  it("accept DHCP, DNS and, with <tftp>, TFTP from the bridge, tagged, as libvirt's LIBVIRT_INP", () => {
    const specs = (p: typeof plan & { tftp?: boolean }) => inputAcceptSpecs(p, 'ip').map((s) => s.join(' '));
    const tag = '-m comment --comment vnm:pxe -j ACCEPT';
    expect(specs(plan)).toEqual([
      `-i virbr5 -p udp --dport 67 ${tag}`,
      `-i virbr5 -p udp --dport 53 ${tag}`,
      `-i virbr5 -p tcp --dport 53 ${tag}`,
    ]);
    expect(specs({ ...plan, tftp: true })).toContain(`-i virbr5 -p udp --dport 69 ${tag}`);
  });

  it('make none for a family the network has no address in', () => {
    expect(inputAcceptSpecs(plan, 'ip6')).toEqual([]);
    const v6 = { ...plan, ipv6: [{ subnet: 'fd00::1/64' }] };
    expect(inputAcceptSpecs(v6, 'ip6').map((s) => s.slice(0, 6).join(' '))).toEqual([
      '-i virbr5 -p udp --dport 547',
      '-i virbr5 -p udp --dport 53',
      '-i virbr5 -p tcp --dport 53',
    ]);
  });
});
