/**
 * How Apply reaches a running network: the running definition and the one Apply saves are
 * compared, and what differs becomes either net-update operations (what vnmd changes live:
 * DHCP hosts and ranges, DNS hosts, TXT and SRV records, as `vnm net-update --live` does) or
 * a reason the network must restart (addresses, forwarding, bridge, MTU, domain, IPv6...).
 * Pure: the table test in live-apply-plan.test.ts is its specification.
 */
import type { DhcpHost, DhcpRange, Dns, DnsHost, DnsSrv, DnsTxt, IpDef, NetworkDef } from '../model/network';
import { formatNetworkXml } from '../xml';
import { withoutLiveFacts } from '../xml/live-facts';
import { formatLeaseHolder } from '../xml/format-parts';
import { XmlWriter } from '../xml/xml-writer';

export type UpdateSectionName = 'ip-dhcp-host' | 'ip-dhcp-range' | 'dns-host' | 'dns-txt' | 'dns-srv';

/** One `network.update` call, with the words that tell a person what it does. */
export interface UpdateOp {
  readonly command: 'add-first' | 'add-last' | 'delete' | 'modify';
  readonly section: UpdateSectionName;
  /** The <ip> the DHCP operations change (index in the running definition); -1 for DNS. */
  readonly parentIndex: number;
  readonly xml: string;
  readonly label: string;
}

export interface ApplyPlan {
  /** The live operations, in the order they must run (deletions first, so adds do not clash). */
  readonly ops: readonly UpdateOp[];
  /** What differs that only a restart puts into effect, in words ('the MTU'); empty when none. */
  readonly restartFor: readonly string[];
}

const EMPTY_DNS: Dns = { forwarders: [], txts: [], hosts: [], srvs: [] };

function fragment(write: (w: XmlWriter) => void): string {
  const w = new XmlWriter();
  write(w);
  return w.toString().trim();
}

const rangeXml = (r: DhcpRange) =>
  fragment((w) =>
    formatLeaseHolder(
      w,
      'range',
      [
        ['start', r.start],
        ['end', r.end],
      ],
      r.lease,
    ),
  );

const hostXml = (h: DhcpHost) =>
  fragment((w) =>
    formatLeaseHolder(
      w,
      'host',
      [
        ['mac', h.mac],
        ['id', h.id],
        ['name', h.name],
        ['ip', h.ip],
      ],
      h.lease,
    ),
  );

const dnsHostXml = (h: DnsHost) =>
  fragment((w) => w.block('host', [['ip', h.ip]], () => h.hostnames.forEach((n) => w.text('hostname', n))));

const txtXml = (t: DnsTxt) =>
  fragment((w) =>
    w.empty('txt', [
      ['name', t.name],
      ['value', t.value],
    ]),
  );

const srvXml = (s: DnsSrv) =>
  fragment((w) =>
    w.empty('srv', [
      ['service', s.service],
      ['protocol', s.protocol],
      ['domain', s.domain],
      ['target', s.target],
      ['port', s.port || undefined],
      ['priority', s.priority || undefined],
      ['weight', s.weight || undefined],
    ]),
  );

/** net-update finds a host to modify by its MAC, else its client id, else its name. */
const hostKey = (h: DhcpHost) => h.mac ?? (h.id !== undefined ? `id:${h.id}` : `name:${h.name ?? ''}`);
const hostWords = (h: DhcpHost) =>
  `static host ${[h.name, h.mac ?? h.id, h.ip].filter(Boolean).join(' ')}`.trim();

/**
 * Hosts keep their order: those that stay in place are modified where they changed; from the
 * first one out of place on, the old ones are deleted and the new ones added in order.
 */
function hostOps(before: readonly DhcpHost[], after: readonly DhcpHost[], parentIndex: number): UpdateOp[] {
  const op = (command: UpdateOp['command'], h: DhcpHost, verb: string): UpdateOp => ({
    command,
    section: 'ip-dhcp-host',
    parentIndex,
    xml: hostXml(h),
    label: `${verb} ${hostWords(h)}`,
  });
  let kept = 0;
  while (kept < before.length && kept < after.length && hostKey(before[kept]!) === hostKey(after[kept]!))
    kept++;
  const modifies = after
    .slice(0, kept)
    .filter((h, i) => hostXml(h) !== hostXml(before[i]!))
    .map((h) => op('modify', h, 'change'));
  const deletes = before.slice(kept).map((h) => op('delete', h, 'remove'));
  const adds = after.slice(kept).map((h) => op('add-last', h, 'add'));
  return [...deletes, ...modifies, ...adds];
}

/** Ranges cannot be modified: a changed one is deleted and added again, in its place. */
function rangeOps(
  before: readonly DhcpRange[],
  after: readonly DhcpRange[],
  parentIndex: number,
): UpdateOp[] {
  const has = (list: readonly DhcpRange[], r: DhcpRange) => list.some((x) => rangeXml(x) === rangeXml(r));
  const words = (r: DhcpRange) => `DHCP range ${r.start}–${r.end}`;
  const deletes = before
    .filter((r) => !has(after, r))
    .map((r): UpdateOp => ({
      command: 'delete',
      section: 'ip-dhcp-range',
      parentIndex,
      xml: rangeXml(r),
      label: `remove ${words(r)}`,
    }));
  const adds = after
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !has(before, r))
    .map(({ r, i }): UpdateOp => ({
      command: i === 0 ? 'add-first' : 'add-last',
      section: 'ip-dhcp-range',
      parentIndex,
      xml: rangeXml(r),
      label: `set ${words(r)}`,
    }));
  return [...deletes, ...adds];
}

function listOps<T>(
  before: readonly T[],
  after: readonly T[],
  section: UpdateSectionName,
  xml: (x: T) => string,
  words: (x: T) => string,
): UpdateOp[] {
  const has = (list: readonly T[], x: T) => list.some((y) => xml(y) === xml(x));
  const op = (command: UpdateOp['command'], x: T, verb: string): UpdateOp => ({
    command,
    section,
    parentIndex: -1,
    xml: xml(x),
    label: `${verb} ${words(x)}`,
  });
  return [
    ...before.filter((x) => !has(after, x)).map((x) => op('delete', x, 'remove')),
    ...after.filter((x) => !has(before, x)).map((x) => op('add-last', x, 'add')),
  ];
}

function dnsOps(before: Dns, after: Dns): UpdateOp[] {
  return [
    ...listOps(before.hosts, after.hosts, 'dns-host', dnsHostXml, (h) => `DNS host ${h.ip}`),
    ...listOps(before.txts, after.txts, 'dns-txt', txtXml, (t) => `DNS TXT record ${t.name}`),
    ...listOps(before.srvs, after.srvs, 'dns-srv', srvXml, (s) => `DNS SRV record ${s.service}`),
  ];
}

/** The definition without what net-update changes live: what is left needs a restart. */
function withoutLiveParts(def: NetworkDef): NetworkDef {
  const ips = def.ips.map((ip): IpDef => {
    const { dhcp, ...rest } = ip;
    return dhcp?.bootp ? { ...rest, dhcp: { ranges: [], hosts: [], bootp: dhcp.bootp } } : rest;
  });
  const dns = { ...(def.dns ?? EMPTY_DNS), txts: [], hosts: [], srvs: [] };
  return { ...def, ips, dns };
}

const BLANK: NetworkDef = { name: 'x', ips: [], routes: [], portgroups: [] };

/** The parts a person can name, each compared alone; anything else is 'other settings'. */
const RESTART_PARTS: readonly { words: string; pick: (d: NetworkDef) => Partial<NetworkDef> }[] = [
  { words: 'the addresses', pick: (d) => ({ ips: d.ips }) },
  { words: 'the forwarding', pick: (d) => ({ forward: d.forward }) },
  { words: 'the bridge', pick: (d) => ({ bridge: d.bridge }) },
  { words: 'the MTU', pick: (d) => ({ mtu: d.mtu }) },
  { words: 'the domain', pick: (d) => ({ domain: d.domain }) },
  { words: 'IPv6 on or off', pick: (d) => ({ ipv6: d.ipv6 }) },
];

const formatPart = (part: Partial<NetworkDef>) => formatNetworkXml({ ...BLANK, ...part });

function restartReasons(running: NetworkDef, next: NetworkDef): string[] {
  const a = withoutLiveParts(running);
  const b = withoutLiveParts(next);
  const reasons = RESTART_PARTS.filter((p) => formatPart(p.pick(a)) !== formatPart(p.pick(b))).map(
    (p) => p.words,
  );
  const named = Object.assign({}, ...RESTART_PARTS.map((p) => p.pick(BLANK))) as Partial<NetworkDef>;
  const rest = (d: NetworkDef) => formatNetworkXml({ ...d, ...named, ips: [] });
  if (rest(a) !== rest(b)) reasons.push('other settings');
  return reasons;
}

/**
 * What Apply must do to take a running network from `running` (its live XML, read back) to
 * `next`; the live-only facts in `running` (connections, NAT's default ports) are no change.
 */
export function planLiveApply(liveXmlDef: NetworkDef, next: NetworkDef): ApplyPlan {
  const running = withoutLiveFacts(liveXmlDef, next);
  const restartFor = restartReasons(running, next);
  const shared = Math.min(running.ips.length, next.ips.length);
  const dhcp: UpdateOp[] = [];
  for (let i = 0; i < shared; i++) {
    const before = running.ips[i]?.dhcp;
    const after = next.ips[i]?.dhcp;
    dhcp.push(...hostOps(before?.hosts ?? [], after?.hosts ?? [], i));
    dhcp.push(...rangeOps(before?.ranges ?? [], after?.ranges ?? [], i));
  }
  return { ops: [...dhcp, ...dnsOps(running.dns ?? EMPTY_DNS, next.dns ?? EMPTY_DNS)], restartFor };
}

/** True when the saved definition would run differently from the running one (its live XML). */
export function definitionsDiffer(running: NetworkDef, saved: NetworkDef): boolean {
  return formatNetworkXml(withoutLiveFacts(running, saved)) !== formatNetworkXml(saved);
}
