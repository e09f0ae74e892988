/**
 * The nft rules of one network, built as libvirt's nftables backend builds its rules
 * (src/network/network_nftables.c), as chains and map elements the network owns in the
 * shared `inet vnm` table (script.ts has the table's base chains, which jump to them):
 *
 * - forward: guest-to-guest across the bridge is accepted; then inbound rules (related and
 *   established for NAT, everything for routed, both limited to the subnet and to `dev`),
 *   then a reject of anything else into the bridge; then outbound rules (from the subnet,
 *   out `dev` if given), then a reject of anything else out of the bridge. The rejects make
 *   isolation real even when the host's forward policy is accept.
 * - postrouting (NAT): no NAT to local multicast and broadcast; masquerade (or SNAT to the
 *   <nat><address> range) of traffic leaving the subnet, TCP and UDP mapped to source
 *   ports 1024-65535 (or <nat><port>), then a rule for every other protocol.
 * - input/output: DHCP and DNS to and from the bridge, and TFTP to the host from the bridge
 *   of a network with <tftp>, as libvirt's iptables backend allows.
 *
 * IPv6 on a NAT network is routed, as in libvirt, unless <nat ipv6='yes'>.
 *
 * The forward chain runs twice for a packet between two networks (once through the map of
 * output bridges, once through the map of input bridges), so where libvirt's rules accept,
 * ours `return`: each network's chain may still reject, as each network's own table could.
 * The input/output rules are shared rules over sets of bridges.
 */
import { checkPlan, type CheckedPlan, type FirewallPlan } from './plan';
import { forwardChainName, forwardChainRules, forwardElements } from './forward-rules';
import { networkChains, networkKey } from './table-name';
import type { NftElement } from './nft-element';

const q = (s: string): string => `"${s}"`;

type Family = 'ip' | 'ip6';
interface Subnet {
  readonly family: Family;
  readonly cidr: string;
  /** true: masqueraded (only replies come in); false: routed both ways. */
  readonly nat: boolean;
}

function forwardedSubnets(p: CheckedPlan): Subnet[] {
  if (p.mode !== 'nat' && p.mode !== 'route') return [];
  return [
    ...p.ipv4.map((cidr) => ({ family: 'ip' as const, cidr, nat: p.mode === 'nat' })),
    ...p.ipv6.map((cidr) => ({ family: 'ip6' as const, cidr, nat: p.mode === 'nat' && p.natIpv6 })),
  ];
}

function forwardRules(p: CheckedPlan): string[] {
  const br = q(p.bridge);
  const inDev = p.forwardDev ? `iifname ${q(p.forwardDev)} ` : '';
  const outDev = p.forwardDev ? ` oifname ${q(p.forwardDev)}` : '';
  const subnets = forwardedSubnets(p);
  const inbound = subnets.map(
    (s) =>
      `${inDev}oifname ${br} ${s.family} daddr ${s.cidr}${s.nat ? ' ct state related,established' : ''} counter return`,
  );
  const outbound = subnets.map((s) => `iifname ${br} ${s.family} saddr ${s.cidr}${outDev} counter return`);
  // Port forwards (forward-rules.ts): new connections DNAT'd to a guest of a NATed subnet.
  const forwarded = subnets
    .filter((s) => s.nat)
    .map((s) => `${inDev}oifname ${br} ${s.family} daddr ${s.cidr} ct status dnat counter return`);
  return [
    `iifname ${br} oifname ${br} counter return`,
    ...inbound,
    ...forwarded,
    `oifname ${br} counter reject`,
    ...outbound,
    `iifname ${br} counter reject`,
  ];
}

function natTarget(p: CheckedPlan, s: Subnet, withPorts: boolean): string {
  const ports = withPorts ? `:${p.natPorts.start}-${p.natPorts.end}` : '';
  const range = s.family === 'ip' ? p.natAddresses : null;
  if (range) return `snat ip to ${range.start}${range.end ? `-${range.end}` : ''}${ports}`;
  return withPorts ? `masquerade to ${ports}` : 'masquerade';
}

function natRules(p: CheckedPlan): string[] {
  const outDev = p.forwardDev ? ` oifname ${q(p.forwardDev)}` : '';
  const rules: string[] = [];
  for (const s of forwardedSubnets(p).filter((x) => x.nat)) {
    const from = `${s.family} saddr ${s.cidr}`;
    // Hairpin: a guest reaching a port forward to its own network must get the replies
    // through the host, so the host's address stands in for the guest's.
    rules.push(`${from} ${s.family} daddr ${s.cidr} ct status dnat counter masquerade`);
    const exempt = s.family === 'ip' ? ['224.0.0.0/24', '255.255.255.255'] : ['ff02::/16'];
    for (const dst of exempt) rules.push(`${from} ${s.family} daddr ${dst}${outDev} counter return`);
    const leaving = `${from} ${s.family} daddr != ${s.cidr}${outDev} counter`;
    rules.push(`meta l4proto tcp ${leaving} ${natTarget(p, s, true)}`);
    rules.push(`meta l4proto udp ${leaving} ${natTarget(p, s, true)}`);
    rules.push(`${leaving} ${natTarget(p, s, false)}`);
  }
  return rules;
}

/** Everything one network owns in the vnm table. */
export interface NetworkRules {
  readonly network: string;
  /** table-name.ts networkKey(network). */
  readonly key: string;
  readonly chains: readonly { readonly name: string; readonly rules: readonly string[] }[];
  readonly elements: readonly NftElement[];
}

/** The network's chains and elements, or null when it needs none (open). */
export function buildNetworkRules(plan: FirewallPlan): NetworkRules | null {
  const p = checkPlan(plan);
  if (p.mode === 'open') return null;
  const names = networkChains(p.network);
  const br = q(p.bridge);
  const nat = natRules(p);
  const natSubnets = forwardedSubnets(p).filter((s) => s.nat);
  const jumpNat = (s: Subnet): NftElement => ({
    set: s.family === 'ip' ? 'nat4_jumps' : 'nat6_jumps',
    key: s.cidr,
    verdict: `jump ${names.nat}`,
  });
  const key = networkKey(p.network);
  const forwards = portForwards(p, key);
  return {
    network: p.network,
    key,
    chains: [
      { name: names.forward, rules: forwardRules(p) },
      ...(nat.length > 0 ? [{ name: names.nat, rules: nat }] : []),
      ...forwards.chains,
    ],
    elements: [
      { set: 'bridges', key: br },
      ...(p.ipv6.length > 0 ? [{ set: 'bridges6' as const, key: br }] : []),
      ...(p.tftp ? [{ set: 'tftp_bridges' as const, key: br }] : []),
      { set: 'forward_jumps', key: br, verdict: `jump ${names.forward}` },
      ...(nat.length > 0 ? natSubnets.map(jumpNat) : []),
      ...forwards.elements,
    ],
  };
}

/** Each port forward's chain and the map elements that jump to it. */
function portForwards(p: CheckedPlan, key: string): Pick<NetworkRules, 'chains' | 'elements'> {
  const chains: { name: string; rules: string[] }[] = [];
  const elements: NftElement[] = [];
  for (const f of p.forwards) {
    const name = forwardChainName(key, f);
    chains.push({ name, rules: forwardChainRules(f, f.family === 'ip' ? p.ipv4 : p.ipv6) });
    elements.push(...forwardElements(f, name));
  }
  return { chains, elements };
}
