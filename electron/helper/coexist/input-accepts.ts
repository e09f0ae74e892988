/**
 * A host firewall made with iptables whose filter INPUT policy is DROP (`iptables -P INPUT
 * DROP`) drops guests' DHCP, DNS and TFTP requests to the host, and in nftables an accept in
 * vnm's own table cannot outvote it (every base chain at a hook must accept). libvirt's
 * iptables backend puts its accepts at the head of INPUT (through its LIBVIRT_INP chain); vnm
 * does the same when INPUT's policy is drop, tagged `vnm:NETWORK` like its FORWARD accepts
 * (docker-user.ts, whose removeDockerAccepts removes these too).
 *
 * A drop in another tool's own nft table (firewalld, an admin's `table inet filter`) is not
 * touched: `vnm net-diagnose` names it and gives the accept to add, which vnm runs only when
 * the user confirms.
 */
import { run } from '../exec';
import type { FirewallPlan } from '../firewall';
import { dockerComment, removeDockerAccepts, type RawChains } from './docker-user';

type Family = 'ip' | 'ip6';
const TOOL: Record<Family, string> = { ip: 'iptables', ip6: 'ip6tables' };

/** What guests ask the host for, by family, as libvirt's LIBVIRT_INP accepts it: DHCP, DNS. */
const REQUESTS: Record<Family, readonly string[]> = {
  ip: ['udp 67', 'udp 53', 'tcp 53'],
  ip6: ['udp 547', 'udp 53', 'tcp 53'],
};

/** Pure: the iptables rule specs (after `-I INPUT`) for a network's requests to the host. */
export function inputAcceptSpecs(plan: FirewallPlan, family: Family): string[][] {
  const subnets = family === 'ip' ? plan.ipv4 : plan.ipv6;
  if (subnets.length === 0) return [];
  const tag = ['-m', 'comment', '--comment', dockerComment(plan.network)];
  // TFTP is IPv4 only in libvirt (and in dnsmasq's config vnm writes).
  const requests = [...REQUESTS[family], ...(family === 'ip' && plan.tftp ? ['udp 69'] : [])];
  return requests.map((r) => {
    const [proto, port] = r.split(' ') as [string, string];
    return ['-i', plan.bridge, '-p', proto, '--dport', port, ...tag, '-j', 'ACCEPT'];
  });
}

/** Whether iptables' filter INPUT chain of `family` drops by policy. */
function inputDrops(chains: RawChains | null, family: Family): boolean {
  return (chains?.nftables ?? []).some(
    ({ chain: c }) =>
      c?.family === family && c.table === 'filter' && c.name === 'INPUT' && c.policy === 'drop',
  );
}

/** Adds the network's input accepts where an INPUT drop policy needs them; returns the undo. */
export async function addInputAccepts(
  plan: FirewallPlan,
  chains: RawChains | null,
): Promise<(() => Promise<void>) | null> {
  const work: (readonly [Family, string[][]])[] = [];
  for (const family of ['ip', 'ip6'] as const) {
    const specs = inputAcceptSpecs(plan, family);
    if (specs.length > 0 && inputDrops(chains, family)) work.push([family, specs]);
  }
  if (work.length === 0) return null;
  try {
    for (const [family, specs] of work)
      for (const spec of specs) await run(TOOL[family], ['-w', '-t', 'filter', '-I', 'INPUT', ...spec]);
  } catch (err) {
    await removeDockerAccepts(plan.network).catch(() => undefined);
    throw err;
  }
  return () => removeDockerAccepts(plan.network);
}
