/**
 * The port forward line of the checklist (issue #14): for a NAT network with forwards, would
 * another table's base chain drop the forwarded traffic? Each forward's traffic is imagined
 * three ways: arriving from the wan for the host's port, as chains at prerouting before vnm's
 * DNAT (priority dstnat) see it; DNAT'd to the guest, as later prerouting chains, forward and
 * postrouting see it; and the guest's replies going back out. In nftables every base chain at
 * a hook must accept, so a drop in any table loses the forward whatever vnm's own rules say.
 * Pure: the ruleset and links are read by the caller; absent when the network has no forwards.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { PortForward } from '../../../shared/model/port-forward';
import { formatPortRange } from '../../../shared/model/port-forward';
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import { isVnmTableName, VNM_TABLE } from '../firewall/table-name';
import { shellLine, type Argv } from './argv';
import type { NetFacts } from './facts';
import { passCommand, type PassSpec } from './forward-checks-fixes';
import type { HostState } from './host-state';
import { evaluateBaseChain, familySees } from './nft-eval';
import type { Probe } from './nft-match';
import type { NftChain, NftExpr, NftRule, NftRuleset } from './nft-ruleset';

const OUTSIDE = { 4: '203.0.113.7', 6: '2001:db8:ffff::7' } as const;
/** Where the host's address is unknown: any address of the host stands in. */
const SOME_HOST = { 4: '198.51.100.2', 6: '2001:db8::2' } as const;
/** vnm's prerouting chain (firewall/script.ts) runs at priority dstnat. */
const DSTNAT = -100;

interface Case {
  /** Which chains see it: prerouting before vnm's DNAT, after it (and forward, postrouting), or replies. */
  readonly stage: 'before-dnat' | 'after-dnat' | 'reply';
  readonly probe: Probe;
  /** Whether conntrack has marked the connection DNAT'd by the time these chains see it. */
  readonly dnat: boolean;
  readonly pass: PassSpec;
  readonly forward: PortForward;
}

const familyOf = (address: string): 4 | 6 => (address.includes(':') ? 6 : 4);

function hostAddress(f: PortForward, h: HostState, uplink: string | null, family: 4 | 6): string {
  if (f.hostAddress) return f.hostAddress;
  const own = (h.links.get(uplink ?? '')?.addresses ?? [])
    .map((a) => a.split('/')[0]!)
    .find((a) => familyOf(a) === family);
  return own ?? SOME_HOST[family];
}

function casesOf(f: PortForward, net: NetFacts, h: HostState, uplink: string | null): Case[] {
  const family = familyOf(f.guestAddress);
  const protocols = f.protocol === 'all' ? (['tcp', 'udp'] as const) : [f.protocol];
  const wan = net.forwardDev ?? uplink ?? undefined;
  const guest = f.guestAddress;
  const host = hostAddress(f, h, uplink, family);
  return protocols.flatMap((l4proto): Case[] => {
    const common = { family, l4proto, sport: 40000 };
    const arriving: Probe = {
      ...common,
      iif: wan,
      saddr: OUTSIDE[family],
      daddr: host,
      dport: f.hostPort.start,
      ct: 'new',
    };
    const dnatted: Probe = { ...arriving, oif: net.bridge, daddr: guest, dport: f.guestPort.start };
    const reply: Probe = {
      family,
      l4proto,
      iif: net.bridge,
      oif: wan,
      saddr: guest,
      daddr: OUTSIDE[family],
      sport: f.guestPort.start,
      dport: 40000,
      ct: 'established',
    };
    const to = { family, l4proto, dnat: false };
    return [
      {
        stage: 'before-dnat',
        probe: arriving,
        dnat: false,
        forward: f,
        pass: { ...to, ...(f.hostAddress ? { daddr: f.hostAddress } : {}), dport: f.hostPort },
      },
      {
        stage: 'after-dnat',
        probe: dnatted,
        dnat: true,
        forward: f,
        pass: { ...to, oif: net.bridge, daddr: guest, dport: f.guestPort, dnat: true },
      },
      {
        stage: 'reply',
        probe: reply,
        dnat: true,
        forward: f,
        pass: { ...to, iif: net.bridge, saddr: guest, sport: f.guestPort, dnat: true },
      },
    ];
  });
}

/** Which of another table's base chains see the case's packet. */
function chainsFor(rs: NftRuleset, c: Case): NftChain[] {
  return [...rs.chains.values()]
    .filter((ch) => ch.hook !== null && familySees(ch.family, c.probe.family))
    .filter((ch) => !(ch.family === 'inet' && (ch.table === VNM_TABLE || isVnmTableName(ch.table))))
    .filter((ch) => {
      if (c.stage === 'before-dnat') return ch.hook === 'prerouting' && ch.prio <= DSTNAT;
      if (c.stage === 'reply')
        return ch.hook === 'forward' || (ch.hook === 'prerouting' && ch.type !== 'nat');
      return (
        (ch.hook === 'prerouting' && ch.prio > DSTNAT) || ch.hook === 'forward' || ch.hook === 'postrouting'
      );
    })
    .sort((a, b) => a.prio - b.prio);
}

const STATUS_LIKE = ['dnat', 'snat'];

function wordsOf(right: unknown): string[] | null {
  if (typeof right === 'string') return [right];
  if (Array.isArray(right) && right.every((x) => typeof x === 'string')) return right;
  const set = (right as { set?: unknown } | null)?.set;
  return Array.isArray(set) && set.every((x) => typeof x === 'string') ? set : null;
}

/**
 * One expression judged for conntrack's DNAT flag, which nft-match does not model: `ct status
 * dnat` and iptables' `--ctstate DNAT` (a state word in iptables, a status bit in the kernel).
 * true: holds (drop the expression); false: the rule cannot match; else the expression to keep.
 */
function judgeStatus(e: NftExpr, dnat: boolean): boolean | NftExpr {
  const m = e.match as { op?: string; left?: { ct?: { key?: string } }; right?: unknown } | undefined;
  const key = m?.left?.ct?.key;
  if (!m || (key !== 'status' && key !== 'state')) return e;
  const words = wordsOf(m.right);
  if (!words || !words.some((w) => STATUS_LIKE.includes(w))) return e;
  const negated = m.op === '!=';
  const flagged = words.includes('dnat') && dnat;
  const rest = words.filter((w) => !STATUS_LIKE.includes(w));
  if (flagged) return !negated;
  if (key === 'status' || rest.length === 0) return negated;
  // `--ctstate ESTABLISHED,DNAT` without the DNAT bit: the state words alone decide.
  return negated ? e : { match: { ...m, right: rest } };
}

/** The ruleset as the case's packet would meet it, DNAT flag resolved. */
function resolvedFor(rs: NftRuleset, dnat: boolean): NftRuleset {
  const chains = new Map<string, NftChain>();
  for (const [key, chain] of rs.chains) {
    const rules: NftRule[] = [];
    for (const rule of chain.rules) {
      const judged = rule.expr.map((e) => judgeStatus(e, dnat));
      if (judged.includes(false)) continue;
      rules.push({ ...rule, expr: judged.filter((e): e is NftExpr => typeof e === 'object') });
    }
    chains.set(key, { ...chain, rules });
  }
  return { chains };
}

interface Blocked {
  readonly chain: NftChain;
  readonly by: string;
  readonly maybe: string | null;
  readonly c: Case;
}

function blockers(rs: NftRuleset, cases: readonly Case[]): Blocked[] {
  const views = { true: resolvedFor(rs, true), false: resolvedFor(rs, false) };
  const out: Blocked[] = [];
  for (const c of cases) {
    const view = views[c.dnat ? 'true' : 'false'];
    for (const chain of chainsFor(view, c)) {
      // NAT chains see only the first packet of a connection.
      if (chain.type === 'nat' && c.probe.ct !== 'new') continue;
      const probe = chain.hook === 'prerouting' ? { ...c.probe, oif: undefined } : c.probe;
      const r = evaluateBaseChain(view, chain, probe);
      if (r.verdict === 'drop') out.push({ chain, by: r.by, maybe: r.maybe, c });
    }
  }
  return out;
}

const chainName = (c: NftChain) => `table ${c.family} ${c.table} chain ${c.name}`;

function forwardText(f: PortForward): string {
  const guest = f.guestAddress.includes(':') ? `[${f.guestAddress}]` : f.guestAddress;
  return `${f.protocol} ${formatPortRange(f.hostPort)} to ${guest}:${formatPortRange(f.guestPort)}`;
}

const STAGE: Record<Case['stage'], string> = {
  'before-dnat': 'arriving',
  'after-dnat': 'to the guest',
  reply: 'reply',
};

/** The port forward line: present only for a running NAT network that has forwards. */
export function forwardChecks(
  def: NetworkDef,
  net: NetFacts,
  h: HostState,
  uplink: string | null,
): DiagnoseCheck[] {
  const forwards = def.forwards ?? [];
  if (net.kind !== 'nat' || forwards.length === 0) return [];
  const id = 'firewall-port-forwards';
  const what = forwards.length === 1 ? 'the port forward' : `the ${forwards.length} port forwards`;
  const blocked = blockers(
    h.ruleset,
    forwards.flatMap((f) => casesOf(f, net, h, uplink)),
  );
  if (blocked.length === 0) {
    return [
      {
        id,
        status: 'ok',
        summary: `No other firewall table drops the traffic of ${what}.`,
        fix: null,
        details: [],
      },
    ];
  }
  const sure = blocked.filter((b) => b.maybe === null);
  const shown = sure.length > 0 ? sure : blocked;
  const names = [...new Set(shown.map((b) => chainName(b.chain)))].join(', ');
  const hit = [...new Set(shown.map((b) => forwardText(b.c.forward)))];
  // Keyed by the printed line: the same command for two forwards is given once.
  const fixes = new Map<string, Argv>();
  for (const b of shown) {
    const argv = passCommand(h.ruleset, b.chain, b.c.pass, net.bridge);
    fixes.set(shellLine([argv]), argv);
  }
  const details = shown.map(
    (b) =>
      `${forwardText(b.c.forward)}, ${STAGE[b.c.stage]} ${b.c.probe.l4proto} ${b.c.probe.saddr} -> ${b.c.probe.daddr}:${b.c.probe.dport}: ${b.by}${b.maybe ? `; unless ${b.maybe} accepts it` : ''}`,
  );
  const status = sure.length > 0 ? 'fail' : 'warn';
  const verb = status === 'fail' ? 'drops' : 'may drop';
  return [
    {
      id,
      status,
      summary: `${names} ${verb} the traffic of port forward ${hit.join(', ')}: add an accept for it there.`,
      fix: shellLine([...fixes.values()]),
      details,
    },
  ];
}
