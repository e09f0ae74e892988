/**
 * The host-side lines of the checklist, in the order a person would look: the bridge and
 * its addresses, dnsmasq alive and listening, forwarding, vnm's own rules, bridged traffic
 * through br_netfilter, the uplink and default route, a route that shadows the subnet, and
 * the uplink's MTU. Pure over a HostState, so each verdict is unit-tested.
 */
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import { networkChains, TABLE_FAMILY, VNM_TABLE } from '../firewall/table-name';
import { cidrsOverlap, parseAddress, tryParseCidr, type Cidr } from '../../../shared/net/cidr';
import type { NetFacts } from './facts';
import { forwards } from './facts';
import { shellLine, type Argv } from './argv';
import { bridgedCases, verdictLine } from './firewall-checks';
import { reshape, withPlan } from './fix-plan';
import { chainKey } from './nft-ruleset';
import type { HostState } from './host-state';

const ok = (id: string, summary: string, details: string[] = []): DiagnoseCheck => ({
  id,
  status: 'ok',
  summary,
  fix: null,
  details,
});
const bad = (
  id: string,
  status: 'warn' | 'fail',
  summary: string,
  fix: string | null,
  details: string[] = [],
): DiagnoseCheck => ({ id, status, summary, fix, details });

const sameAddress = (a: string, b: string) => {
  const x = parseAddress(a);
  const y = parseAddress(b);
  return x !== null && y !== null && x.family === y.family && x.value === y.value;
};

export function bridgeCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  const link = h.links.get(f.bridge);
  const restart = `vnm net-destroy ${f.name} && vnm net-start ${f.name}`;
  if (!link) return bad('bridge', 'fail', `The bridge ${f.bridge} does not exist.`, restart);
  if (!link.up) {
    return bad('bridge', 'fail', `The bridge ${f.bridge} is down.`, `ip link set dev ${f.bridge} up`);
  }
  const missing = f.subnets.filter(
    (s) => !link.addresses.some((a) => sameAddress(a.split('/')[0]!, s.address)),
  );
  if (missing.length > 0) {
    const want = missing.map((s) => `${s.address}/${s.prefix}`);
    return bad(
      'bridge',
      'fail',
      `The bridge ${f.bridge} lacks its address ${want.join(', ')}.`,
      want.map((a) => `ip addr add ${a} dev ${f.bridge}`).join(' && '),
      [`addresses: ${link.addresses.join(', ') || 'none'}`],
    );
  }
  return ok('bridge', `The bridge ${f.bridge} is up with ${link.addresses.join(', ') || 'no address'}.`, [
    `operstate ${link.oper}, mtu ${link.mtu}`,
  ]);
}

/**
 * dnsmasq alive, and listening where guests ask: DHCP on port 67 (any address), DHCPv6 on
 * 547, DNS on port 53 of the bridge's addresses (/proc/net/udp of vnmd's namespace).
 */
export function dnsmasqCheck(f: NetFacts, h: HostState, pid: number | null, alive: boolean): DiagnoseCheck {
  if (!f.dnsmasq) return ok('dnsmasq', 'The network needs no dnsmasq (no DHCP, DNS or TFTP).');
  const restart = `vnm net-destroy ${f.name} && vnm net-start ${f.name}`;
  if (pid === null) {
    return bad('dnsmasq', 'fail', 'dnsmasq was not started: guests get no DHCP lease and no DNS.', restart);
  }
  if (!alive) {
    // vnmd's watchdog restarts a dead dnsmasq by itself, but gives up for a minute after a few
    // tries; applying this line restarts it at once (only dnsmasq, not the whole network).
    const line = bad(
      'dnsmasq',
      'fail',
      `dnsmasq (pid ${pid}) is not running: guests get no DHCP lease and no DNS.`,
      restart,
      ['applying the fix from vnm (net-diagnose --fix dnsmasq, or the window) restarts only dnsmasq'],
    );
    return withPlan(line, { kind: 'restart-dnsmasq' });
  }
  const missing: string[] = [];
  const has = (family: 4 | 6, port: number, address: string | null) =>
    h.udp.some(
      (s) =>
        s.family === family &&
        s.port === port &&
        (address === null || sameAddress(s.address, address) || /^(0\.0\.0\.0|[0:]+)$/.test(s.address)),
    );
  for (const s of f.subnets) {
    const dhcpPort = s.family === 4 ? 67 : 547;
    if (s.dhcp && !has(s.family, dhcpPort, null)) missing.push(`udp ${dhcpPort} (DHCP)`);
    if (f.dns && !has(s.family, 53, s.address)) missing.push(`udp ${s.address}:53 (DNS)`);
  }
  if (missing.length > 0) {
    return bad(
      'dnsmasq',
      'fail',
      `dnsmasq (pid ${pid}) runs, but nothing listens on ${missing.join(', ')}.`,
      restart,
    );
  }
  const serves = f.dns ? 'DHCP and DNS' : 'DHCP';
  return ok('dnsmasq', `dnsmasq (pid ${pid}) runs and listens for ${serves} on ${f.bridge}.`);
}

export function forwardingCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  if (!forwards(f)) return ok('forwarding', `A ${f.kind} network needs no IP forwarding.`);
  const off: string[] = [];
  if (f.subnets.some((s) => s.family === 4) && !h.ipv4Forward) off.push('net.ipv4.ip_forward');
  if (f.subnets.some((s) => s.family === 6) && !h.ipv6Forward) off.push('net.ipv6.conf.all.forwarding');
  if (off.length === 0) return ok('forwarding', 'IP forwarding is on.');
  const sysctl: Argv = ['sysctl', '-w', ...off.map((k) => `${k}=1`)];
  const line = bad(
    'forwarding',
    'fail',
    `IP forwarding is off (${off.join(', ')} = 0): guests cannot reach beyond the host.`,
    shellLine([sysctl]),
  );
  return withPlan(line, { kind: 'run', commands: [sysctl] });
}

export function vnmRulesCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  if (f.kind !== 'nat' && f.kind !== 'route' && f.kind !== 'isolated') {
    return ok('vnm-firewall', `A ${f.kind} network has no rules of vnm's own.`);
  }
  const chains = networkChains(f.name);
  const want = [chains.forward, ...(f.kind === 'nat' && f.subnets.length > 0 ? [chains.nat] : [])];
  const missing = want.filter((c) => !h.ruleset.chains.has(chainKey(TABLE_FAMILY, VNM_TABLE, c)));
  if (missing.length === 0) {
    return ok('vnm-firewall', `vnm's rules for ${f.name} are in table ${TABLE_FAMILY} ${VNM_TABLE}.`);
  }
  return bad(
    'vnm-firewall',
    'fail',
    `vnm's ${missing.join(', ')} chain of table ${TABLE_FAMILY} ${VNM_TABLE} is missing${f.kind === 'nat' ? ': no NAT' : ''}.`,
    `vnm net-destroy ${f.name} && vnm net-start ${f.name}`,
  );
}

export function brNetfilterCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  const families = new Set<4 | 6>([...(h.brNfIp ? [4 as const] : []), ...(h.brNfIp6 ? [6 as const] : [])]);
  if (families.size === 0) {
    return ok('br-netfilter', 'Bridged traffic does not pass the ip/ip6 firewall (br_netfilter off).');
  }
  const line = verdictLine('br-netfilter', h.ruleset, f, bridgedCases(f, families));
  if (line.status === 'ok') {
    return ok('br-netfilter', 'br_netfilter passes bridged traffic to the firewall, and no chain drops it.', [
      'net.bridge.bridge-nf-call-iptables = 1',
    ]);
  }
  return reshape(line, { details: [...line.details, 'or: sysctl -w net.bridge.bridge-nf-call-iptables=0'] });
}

/** The uplink: <forward dev>, else the device of the default route of the network's first family. */
export function uplinkOf(f: NetFacts, h: HostState): string | null {
  if (f.forwardDev) return f.forwardDev;
  const family = f.subnets[0]?.family ?? 4;
  const def = h.routes.find((r) => r.family === family && r.dst === (family === 4 ? '0.0.0.0/0' : '::/0'));
  return def?.dev ?? null;
}

export function uplinkCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  if (!forwards(f)) return ok('uplink', `A ${f.kind} network needs no uplink.`);
  const uplink = uplinkOf(f, h);
  if (!uplink) {
    const down = [...h.links.values()].filter((l) => l.name !== 'lo' && !l.up && l.name !== f.bridge);
    const fix =
      down.length === 1 ? `ip link set dev ${down[0]!.name} up` : 'ip route add default via GATEWAY';
    return bad('uplink', 'fail', 'The host has no default route: guests cannot reach the Internet.', fix, [
      ...down.map((l) => `${l.name} is down`),
    ]);
  }
  const link = h.links.get(uplink);
  if (!link) return bad('uplink', 'fail', `The uplink ${uplink} does not exist.`, null);
  if (!link.up || link.oper === 'down' || link.oper === 'lowerlayerdown') {
    return bad('uplink', 'fail', `The uplink ${uplink} is down.`, `ip link set dev ${uplink} up`, [
      `operstate ${link.oper}`,
    ]);
  }
  return ok('uplink', `The uplink ${uplink} is up${f.forwardDev ? '' : ' and carries the default route'}.`);
}

/** Addresses of other links inside `mine`, and the links' connected routes they bring. */
function shadowingAddresses(
  f: NetFacts,
  h: HostState,
  mine: Cidr,
): { what: string; fix: string; dev: string }[] {
  const out: { what: string; fix: string; dev: string }[] = [];
  for (const l of h.links.values()) {
    if (l.name === f.bridge) continue;
    for (const a of l.addresses) {
      const c = tryParseCidr(a);
      const one = c && tryParseCidr(`${a.split('/')[0]}/${c.family === 4 ? 32 : 128}`);
      if (!one || !cidrsOverlap(one, mine)) continue;
      out.push({ what: `address ${a} on ${l.name}`, fix: `ip addr del ${a} dev ${l.name}`, dev: l.name });
    }
  }
  return out;
}

/**
 * A route of another device that covers the subnet or a part of it at least as specifically
 * as the bridge's own route, or an address inside it on another device: the host then sends
 * guests' traffic elsewhere. A connected route goes with its address, so only the address is named.
 */
export function shadowCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  const found = new Map<string, string>();
  for (const s of f.subnets) {
    const mine = tryParseCidr(s.cidr)!;
    const addrs = shadowingAddresses(f, h, mine);
    for (const a of addrs) found.set(a.what, a.fix);
    for (const r of h.routes) {
      const dst = tryParseCidr(r.dst);
      if (!dst || r.dev === f.bridge || dst.prefix === 0 || dst.prefix < mine.prefix) continue;
      if (!cidrsOverlap(dst, mine) || addrs.some((a) => a.dev === r.dev)) continue;
      found.set(`route ${r.dst} dev ${r.dev ?? '?'}`, `ip route del ${r.dst}${r.dev ? ` dev ${r.dev}` : ''}`);
    }
  }
  if (found.size === 0) return ok('subnet-shadowed', 'No other route or address overlaps the subnet.');
  const subnets = f.subnets.map((s) => s.cidr).join(', ');
  return bad(
    'subnet-shadowed',
    'fail',
    `The ${[...found.keys()].join(', ')} overlaps ${subnets}: the host sends guests' traffic elsewhere.`,
    [...found.values()].join(' && '),
  );
}

export function mtuCheck(f: NetFacts, h: HostState): DiagnoseCheck {
  if (!forwards(f)) return ok('mtu', 'MTU: the network does not leave the host.');
  const uplink = uplinkOf(f, h);
  const up = uplink ? h.links.get(uplink) : undefined;
  const mtu = f.mtu ?? h.links.get(f.bridge)?.mtu ?? 1500;
  if (!up) return ok('mtu', 'MTU: no uplink to compare with.');
  if (up.mtu >= mtu) return ok('mtu', `The uplink MTU ${up.mtu} carries the network's MTU ${mtu}.`);
  return bad(
    'mtu',
    'fail',
    `The uplink ${up.name} has MTU ${up.mtu}, below the network's ${mtu}: large packets from guests are lost.`,
    `ip link set dev ${up.name} mtu ${mtu}`,
    [
      `or give the network <mtu size='${up.mtu}'/> (vnm net-edit ${f.name}) and restart its guests' interfaces`,
    ],
  );
}
