/**
 * Foreign firewall chains (Docker, firewalld, ufw, an admin's own table): every base chain
 * of another table at the hooks this network's traffic passes, asked what it does to probe
 * packets a guest would send (forwarded traffic out and back, DHCP, DNS, TFTP to the host).
 * In nftables every base chain at a hook must accept, so an accept in vnm's own table does
 * not help against a drop elsewhere. Pure: the ruleset is read by the caller.
 */
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import { isVnmTableName, VNM_TABLE } from '../firewall/table-name';
import { shellLine, type Argv } from './argv';
import type { NetFacts, SubnetFacts } from './facts';
import { forwards } from './facts';
import { fixCommands, type FixTarget, type Purpose } from './firewall-fixes';
import { withPlan } from './fix-plan';
import { evaluateBaseChain, familySees } from './nft-eval';
import type { Probe } from './nft-match';
import type { NftChain, NftRuleset } from './nft-ruleset';

const OUTSIDE = { 4: '203.0.113.7', 6: '2001:db8:ffff::7' } as const;
const FORWARD_HOOKS = ['prerouting', 'forward', 'postrouting'];
const INPUT_HOOKS = ['prerouting', 'input'];

interface Case {
  readonly purpose: Purpose;
  readonly probe: Probe;
  readonly hooks: readonly string[];
  readonly subnet: SubnetFacts;
}

function tcp(p: Omit<Probe, 'l4proto'>): Probe {
  return { ...p, l4proto: 'tcp' };
}

function forwardCases(f: NetFacts, uplink: string | null): Case[] {
  if (!forwards(f)) return [];
  const oif = f.forwardDev ?? uplink ?? undefined;
  return f.subnets.flatMap((s): Case[] => {
    const nat = f.kind === 'nat' && (s.family === 4 || f.natIpv6);
    const base = { family: s.family, hooks: FORWARD_HOOKS };
    const out = tcp({
      family: s.family,
      iif: f.bridge,
      oif,
      saddr: s.guest,
      daddr: OUTSIDE[s.family],
      sport: 40000,
      dport: 443,
      ct: 'new',
    });
    const back = tcp({
      family: s.family,
      iif: oif,
      oif: f.bridge,
      saddr: OUTSIDE[s.family],
      daddr: s.guest,
      sport: nat ? 443 : 40000,
      dport: nat ? 40000 : 22,
      ct: nat ? 'established' : 'new',
    });
    return [
      { ...base, purpose: 'out', probe: out, subnet: s },
      { ...base, purpose: nat ? 'in-reply' : 'in', probe: back, subnet: s },
    ];
  });
}

function toHost(s: SubnetFacts, f: NetFacts, l4: 'tcp' | 'udp', dport: number): Probe {
  return {
    family: s.family,
    iif: f.bridge,
    saddr: s.guest,
    daddr: s.address,
    l4proto: l4,
    sport: 40000,
    dport,
    ct: 'new',
  };
}

function inputCases(f: NetFacts, what: 'dhcp' | 'dns' | 'tftp'): Case[] {
  const base = { hooks: INPUT_HOOKS };
  if (what === 'dhcp') {
    return f.subnets
      .filter((s) => s.dhcp)
      .map((s): Case => {
        const v4 = s.family === 4;
        const probe: Probe = {
          family: s.family,
          iif: f.bridge,
          saddr: v4 ? '0.0.0.0' : 'fe80::5054:ff:fe00:1',
          daddr: v4 ? '255.255.255.255' : 'ff02::1:2',
          l4proto: 'udp',
          sport: v4 ? 68 : 546,
          dport: v4 ? 67 : 547,
          ct: 'new',
        };
        return { ...base, purpose: v4 ? 'dhcp' : 'dhcp6', probe, subnet: s };
      });
  }
  if (what === 'tftp')
    return f.subnets
      .filter((s) => s.family === 4)
      .map((s) => ({ ...base, purpose: 'tftp', probe: toHost(s, f, 'udp', 69), subnet: s }));
  return f.subnets.flatMap((s): Case[] => [
    { ...base, purpose: 'dns', probe: toHost(s, f, 'udp', 53), subnet: s },
    { ...base, purpose: 'dns', probe: toHost(s, f, 'tcp', 53), subnet: s },
  ]);
}

/** Base chains of tables vnm does not own, at one of `hooks`, that see this family. */
function foreignBaseChains(rs: NftRuleset, hooks: readonly string[], family: 4 | 6): NftChain[] {
  return [...rs.chains.values()]
    .filter((c) => c.hook !== null && hooks.includes(c.hook) && familySees(c.family, family))
    .filter((c) => !(c.family === 'inet' && (c.table === VNM_TABLE || isVnmTableName(c.table))))
    .sort((a, b) => a.prio - b.prio);
}

interface Blocked {
  readonly chain: NftChain;
  readonly by: string;
  readonly maybe: string | null;
  readonly c: Case;
}

function blockers(rs: NftRuleset, cases: readonly Case[]): Blocked[] {
  const out: Blocked[] = [];
  for (const c of cases) {
    for (const chain of foreignBaseChains(rs, c.hooks, c.probe.family)) {
      // NAT chains see only the first packet of a connection.
      if (chain.type === 'nat' && c.probe.ct !== 'new') continue;
      const probe = chain.hook === 'prerouting' ? { ...c.probe, oif: undefined } : c.probe;
      const r = evaluateBaseChain(rs, chain, probe);
      if (r.verdict === 'drop') out.push({ chain, by: r.by, maybe: r.maybe, c });
    }
  }
  return out;
}

const chainName = (c: NftChain) => `table ${c.family} ${c.table} chain ${c.name}`;
const WHAT: Record<string, string> = {
  'firewall-forward': 'guest traffic forwarded through the host',
  'firewall-dhcp': 'DHCP requests from guests',
  'firewall-dns': 'DNS queries from guests to the host',
  'firewall-tftp': 'TFTP requests from guests',
  'br-netfilter': 'traffic between guests on the bridge (through br_netfilter)',
};

/** One checklist line from the blocked probes of one kind of traffic. */
export function verdictLine(id: string, rs: NftRuleset, f: NetFacts, cases: readonly Case[]): DiagnoseCheck {
  const what = WHAT[id] ?? id;
  const blocked = blockers(rs, cases);
  if (blocked.length === 0) {
    return { id, status: 'ok', summary: `No other firewall table drops ${what}.`, fix: null, details: [] };
  }
  const sure = blocked.filter((b) => b.maybe === null);
  const shown = sure.length > 0 ? sure : blocked;
  const chains = [...new Map(shown.map((b) => [chainName(b.chain), b])).values()];
  // Keyed by the printed line: the same command for two probes is given once.
  const fixes = new Map<string, Argv>();
  for (const b of shown) {
    const t: FixTarget = {
      network: f.name,
      bridge: f.bridge,
      family: b.c.subnet.family,
      subnet: b.c.subnet.cidr,
    };
    for (const argv of fixCommands(rs, b.chain, b.c.purpose, t)) fixes.set(shellLine([argv]), argv);
  }
  const names = chains.map((b) => chainName(b.chain)).join(', ');
  const details = shown.map(
    (b) =>
      `${b.c.purpose} ${b.c.probe.l4proto} ${b.c.probe.saddr} -> ${b.c.probe.daddr}:${b.c.probe.dport}: ${b.by}${b.maybe ? `; unless ${b.maybe} accepts it` : ''}`,
  );
  const status = sure.length > 0 ? 'fail' : 'warn';
  const verb = status === 'fail' ? 'drops' : 'may drop';
  const commands = [...fixes.values()];
  const line: DiagnoseCheck = {
    id,
    status,
    summary: `${names} ${verb} ${what}.`,
    fix: shellLine(commands),
    details,
  };
  // Every tool's fix is an accept for this network's traffic alone, in the words of the tool
  // that owns the chain: vnmd may run it, but only when the user confirms (network.applyFix).
  return withPlan(line, { kind: 'run', commands });
}

/** Lines for forwarded traffic, DHCP, DNS and TFTP, each present only where the network has it. */
export function firewallChecks(rs: NftRuleset, f: NetFacts, uplink: string | null): DiagnoseCheck[] {
  const lines: DiagnoseCheck[] = [];
  if (forwards(f)) lines.push(verdictLine('firewall-forward', rs, f, forwardCases(f, uplink)));
  if (f.dnsmasq && f.subnets.some((s) => s.dhcp))
    lines.push(verdictLine('firewall-dhcp', rs, f, inputCases(f, 'dhcp')));
  if (f.dns) lines.push(verdictLine('firewall-dns', rs, f, inputCases(f, 'dns')));
  if (f.tftp) lines.push(verdictLine('firewall-tftp', rs, f, inputCases(f, 'tftp')));
  return lines;
}

/** Guest-to-guest traffic on the bridge (one probe stands for any pair), which br_netfilter hands to the ip/ip6 forward hooks. */
export function bridgedCases(f: NetFacts, families: ReadonlySet<4 | 6>): Case[] {
  return f.subnets
    .filter((s) => families.has(s.family))
    .map((s) => ({
      purpose: 'bridged' as const,
      hooks: ['forward'],
      subnet: s,
      probe: tcp({
        family: s.family,
        iif: f.bridge,
        oif: f.bridge,
        saddr: s.guest,
        daddr: s.guest,
        sport: 40000,
        dport: 22,
        ct: 'new',
      }),
    }));
}
