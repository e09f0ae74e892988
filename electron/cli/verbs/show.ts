/** net-info, net-dumpxml, net-uuid, net-name, net-dhcp-leases: read-only verbs (net-list in net-list.ts). */
import type { Lease, NetworkInfo, NetworkProblem } from '../../../shared/rpc/contract';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, UUID_RE, withContext } from '../context';
import type { OptionDoc } from '../help';
import { netListVerb } from './net-list';
import { formatKeyValues, formatTable } from '../table';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

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

/**
 * virsh's table; an OVN network's leases (which name the host running each guest) get a last
 * column "Host" of vnm's own, so a network spanning hosts says where each guest is.
 */
export function formatLeases(leases: readonly Lease[], header = true): string {
  const withHost = leases.some((l) => l.host !== undefined);
  const rows = [...leases]
    .sort((a, b) => ((a.mac ?? '').toLowerCase() < (b.mac ?? '').toLowerCase() ? -1 : 1))
    .map((l) => [
      formatExpiry(l.expiry),
      l.mac ?? '-',
      l.protocol,
      l.ipPrefix,
      l.hostname ?? '-',
      l.clientId ?? '-',
      ...(withHost ? [l.host ?? '-'] : []),
    ]);
  const columns = ['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'];
  return formatTable(withHost ? [...columns, 'Host'] : columns, rows, { header });
}

const NET = { positionals: ['network'], required: 1 } as const;
const NETWORK: OptionDoc = { name: 'network', type: 'data', help: 'network name or uuid' };
const JSON_OPT: OptionDoc = {
  name: 'json',
  type: 'bool',
  help: 'print as JSON, every field vnmd has (vnm only)',
};

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
  netListVerb,
  {
    name: 'net-info',
    summary: 'network information',
    doc: {
      help: 'network information',
      desc: 'Returns basic information about the network',
      options: [NETWORK, JSON_OPT],
    },
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
    doc: {
      help: 'network information in XML',
      desc: 'Output the network information as an XML dump to stdout.',
      options: [
        NETWORK,
        { name: 'inactive', type: 'bool', help: 'show inactive defined XML' },
        { name: 'xpath', type: 'string', help: 'xpath expression to filter the XML document' },
        { name: 'wrap', type: 'bool', help: 'wrap xpath results in an common root element' },
      ],
    },
    args: { ...NET, flags: ['inactive', 'wrap'], options: ['xpath'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const { xml } = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.getXml', { network: ref, inactive: a.flags.has('inactive') }),
      );
      const xpath = a.values.xpath;
      if (xpath !== undefined) {
        // Loaded only here: the XML parser is not needed by the other verbs (the CLI's start-up).
        const { dumpXPath } = await import('../xpath');
        return ctx.out(dumpXPath(xml, xpath, a.flags.has('wrap')));
      }
      ctx.out(xml.endsWith('\n') ? xml : `${xml}\n`);
    },
  },
  {
    name: 'net-uuid',
    summary: 'convert a network name to network UUID',
    doc: {
      help: 'convert a network name to network UUID',
      desc: '',
      options: [{ ...NETWORK, help: 'network name' }],
    },
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const info = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.info', { network: ref }),
      );
      // virsh looks the argument up by name only.
      if (info.name !== ref) throw new CliFailure([`failed to get network '${ref}'`]);
      ctx.out(`${info.uuid}\n`);
    },
  },
  {
    name: 'net-name',
    summary: 'convert a network UUID to network name',
    doc: {
      help: 'convert a network UUID to network name',
      desc: '',
      options: [{ ...NETWORK, help: 'network uuid' }],
    },
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      // virsh looks the argument up by UUID only: a name is no network here.
      if (!UUID_RE.test(ref)) throw new CliFailure([`failed to get network '${ref}'`]);
      const info = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.info', { network: ref }),
      );
      ctx.out(`${info.name}\n`);
    },
  },
  {
    name: 'net-dhcp-leases',
    summary: 'print lease info for a given network',
    doc: {
      help: 'print lease info for a given network',
      desc: 'Print lease info for a given network',
      options: [NETWORK, { name: 'mac', type: 'string', help: 'MAC address' }, JSON_OPT],
    },
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
      ctx.out(a.flags.has('json') ? json(leases) : formatLeases(leases, !ctx.quiet));
    },
  },
];
