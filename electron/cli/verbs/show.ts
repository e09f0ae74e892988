/** net-list, net-info, net-dumpxml, net-uuid, net-name, net-dhcp-leases: read-only verbs. */
import type { Lease, NetworkInfo, NetworkProblem, NetworkSummary } from '../../../shared/rpc/contract';
import type { Verb, VerbContext } from '../context';
import { arg, withContext } from '../context';
import { formatKeyValues, formatTable } from '../table';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function formatNetList(nets: readonly NetworkSummary[]): string {
  const rows = [...nets]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((n) => [n.name, n.active ? 'active' : 'inactive', yesNo(n.autostart), yesNo(n.persistent)]);
  return formatTable(['Name', 'State', 'Autostart', 'Persistent'], rows);
}

/** `finding`: the network's worst diagnose line from vnmd's findings, when it has one. */
export function formatNetInfo(n: NetworkInfo, finding: NetworkProblem | null = null): string {
  const pairs: [string, string][] = [
    ['Name:', n.name],
    ['UUID:', n.uuid],
    ['Active:', yesNo(n.active)],
    ['Persistent:', yesNo(n.persistent)],
    ['Autostart:', yesNo(n.autostart)],
    ['Bridge:', n.bridge ?? ''],
  ];
  if (n.problem) pairs.push(['Problem:', n.problem]);
  // vnmd's own problem (dnsmasq died) shows as the state line's summary too: said once.
  if (finding && !(n.problem && finding.summary.includes(n.problem)))
    pairs.push(['Problem:', finding.summary]);
  return formatKeyValues(pairs);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** virsh prints lease expiry as local time, %Y-%m-%d %H:%M:%S. */
export function formatExpiry(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return `${date} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function formatLeases(leases: readonly Lease[]): string {
  const rows = [...leases]
    .sort((a, b) => (a.mac ?? '').localeCompare(b.mac ?? ''))
    .map((l) => [
      formatExpiry(l.expiry),
      l.mac ?? '-',
      l.protocol,
      l.ipPrefix,
      l.hostname ?? '-',
      l.clientId ?? '-',
    ]);
  const header = ['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'];
  return formatTable(header, rows);
}

const NET = { positionals: ['network'], required: 1 } as const;

/**
 * The network's line from vnmd's kept findings (no host read: vnmd answers from its last).
 * net-info must work even when findings cannot be had, so a failure is said and skipped.
 */
async function networkFinding(ctx: VerbContext, name: string): Promise<NetworkProblem | null> {
  try {
    const findings = await (await ctx.client()).call('host.findings', { refresh: false });
    return findings.networks.find((p) => p.network === name) ?? null;
  } catch (err) {
    ctx.err(
      `warning: no findings for network '${name}': ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return null;
  }
}

export const showVerbs: Verb[] = [
  {
    name: 'net-list',
    summary: 'list networks',
    args: { positionals: [], required: 0, flags: ['all', 'inactive', 'json', 'name', 'uuid'] },
    async run(ctx, a) {
      const filter = a.flags.has('all') ? 'all' : a.flags.has('inactive') ? 'inactive' : 'active';
      const nets = await withContext('Failed to list networks', null, async () =>
        (await ctx.client()).call('network.list', { filter }),
      );
      if (a.flags.has('json')) ctx.out(json(nets));
      else if (a.flags.has('name')) ctx.out(nets.map((n) => `${n.name}\n`).join(''));
      else if (a.flags.has('uuid')) ctx.out(nets.map((n) => `${n.uuid}\n`).join(''));
      else ctx.out(formatNetList(nets));
    },
  },
  {
    name: 'net-info',
    summary: 'network information',
    args: { ...NET, flags: ['json'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const info = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.info', { network: ref }),
      );
      if (a.flags.has('json')) return ctx.out(json(info));
      ctx.out(formatNetInfo(info, info.active ? await networkFinding(ctx, info.name) : null));
    },
  },
  {
    name: 'net-dumpxml',
    summary: 'network information in XML',
    args: { ...NET, flags: ['inactive'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const { xml } = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.getXml', { network: ref, inactive: a.flags.has('inactive') }),
      );
      ctx.out(xml.endsWith('\n') ? xml : `${xml}\n`);
    },
  },
  {
    name: 'net-uuid',
    summary: 'convert a network name to network UUID',
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const info = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.info', { network: ref }),
      );
      ctx.out(`${info.uuid}\n`);
    },
  },
  {
    name: 'net-name',
    summary: 'convert a network UUID to network name',
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const info = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.info', { network: ref }),
      );
      ctx.out(`${info.name}\n`);
    },
  },
  {
    name: 'net-dhcp-leases',
    summary: 'print lease info for a given network',
    args: { ...NET, options: ['mac'], flags: ['json'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const mac = a.values.mac;
      const leases = await withContext(`Failed to get leases info for ${ref}`, ref, async () =>
        (await ctx.client()).call(
          'network.leases',
          mac === undefined ? { network: ref } : { network: ref, mac },
        ),
      );
      ctx.out(a.flags.has('json') ? json(leases) : formatLeases(leases));
    },
  },
];
