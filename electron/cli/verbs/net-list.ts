/** net-list with virsh 9.0's filters (state, persistence, autostart) and forms (table, names, UUIDs). */
import type { NetworkSummary } from '../../../shared/rpc/contract';
import type { ParsedArgs } from '../args';
import type { Verb } from '../context';
import { CliFailure, withContext } from '../context';
import type { VerbDoc } from '../help';
import { formatTable } from '../table';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** virsh sorts by name with strcasecmp: ASCII letters without case, the rest by code. */
export function byNameWithoutCase(a: NetworkSummary, b: NetworkSummary): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function formatNetList(nets: readonly NetworkSummary[], header = true): string {
  const rows = [...nets]
    .sort(byNameWithoutCase)
    .map((n) => [n.name, n.active ? 'active' : 'inactive', yesNo(n.autostart), yesNo(n.persistent)]);
  return formatTable(['Name', 'State', 'Autostart', 'Persistent'], rows, { header });
}

/**
 * The networks the flags keep, as virsh's flags to virConnectListAllNetworks do: of each
 * pair (persistent/transient, autostart/no-autostart) a network passes when it has either
 * of the given ones; a pair given not at all filters nothing.
 */
export function filterNetworks(
  nets: readonly NetworkSummary[],
  flags: ReadonlySet<string>,
): NetworkSummary[] {
  const pair = (yes: string, no: string, has: (n: NetworkSummary) => boolean) => (n: NetworkSummary) =>
    (!flags.has(yes) && !flags.has(no)) || (flags.has(yes) && has(n)) || (flags.has(no) && !has(n));
  const persistence = pair('persistent', 'transient', (n) => n.persistent);
  const autostart = pair('autostart', 'no-autostart', (n) => n.autostart);
  return nets.filter((n) => persistence(n) && autostart(n)).sort(byNameWithoutCase);
}

function stateFilter(a: ParsedArgs): 'active' | 'inactive' | 'all' {
  if (a.flags.has('all')) return 'all';
  return a.flags.has('inactive') ? 'inactive' : 'active';
}

const DOC: VerbDoc = {
  help: 'list networks',
  desc: 'Returns list of networks.',
  options: [
    { name: 'inactive', type: 'bool', help: 'list inactive networks' },
    { name: 'all', type: 'bool', help: 'list inactive & active networks' },
    { name: 'persistent', type: 'bool', help: 'list persistent networks' },
    { name: 'transient', type: 'bool', help: 'list transient networks' },
    { name: 'autostart', type: 'bool', help: 'list networks with autostart enabled' },
    { name: 'no-autostart', type: 'bool', help: 'list networks with autostart disabled' },
    { name: 'uuid', type: 'bool', help: "list uuid's only" },
    { name: 'name', type: 'bool', help: 'list network names only' },
    { name: 'table', type: 'bool', help: 'list table (default)' },
    { name: 'json', type: 'bool', help: 'list as JSON, every field vnmd has (vnm only)' },
  ],
};

export const netListVerb: Verb = {
  name: 'net-list',
  summary: 'list networks',
  doc: DOC,
  args: { positionals: [], required: 0, flags: DOC.options.map((o) => o.name) },
  async run(ctx, a) {
    const forms = ['table', 'name', 'uuid'].filter((f) => a.flags.has(f));
    if (forms.length > 1)
      throw new CliFailure(['Only one argument from --table, --name and --uuid may be specified.']);
    const all = await withContext('Failed to list networks', null, async () =>
      (await ctx.client()).call('network.list', { filter: stateFilter(a) }),
    );
    const nets = filterNetworks(all, a.flags);
    if (a.flags.has('json')) ctx.out(`${JSON.stringify(nets, null, 2)}\n`);
    else if (a.flags.has('name')) ctx.out(nets.map((n) => `${n.name}\n`).join(''));
    else if (a.flags.has('uuid')) ctx.out(nets.map((n) => `${n.uuid}\n`).join(''));
    else ctx.out(formatNetList(nets, !ctx.quiet));
  },
};
