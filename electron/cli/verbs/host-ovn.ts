/**
 * `vnm host-ovn [--json]`: this host as an OVN chassis (issue 19): the local ovs-vswitchd and
 * ovn-controller, the chassis's settings, whether the northbound database answers, and what to
 * install or set when something is missing. A report, as host-findings: exit status 0 whatever
 * it says, within vnmd's OVN timeout even when the control plane is frozen.
 */
import type { OvnHostFacts } from '../../../shared/rpc/contract';
import type { Verb } from '../context';
import { withContext } from '../context';

const running = (pid: number | null) => (pid === null ? 'not running' : `running (pid ${pid})`);

export function formatOvnFacts(f: OvnHostFacts): string {
  const nb = f.northbound;
  const rows: [string, string][] = [
    ['Chassis', f.systemId ?? '-'],
    ['OVN remote', f.ovnRemote ?? '-'],
    ['Encap', f.encapIp ? `${f.encapType ?? 'geneve'} ${f.encapIp}` : '-'],
    ['Bridge mappings', f.bridgeMappings ?? '-'],
    ['ovs-vswitchd', running(f.ovsVswitchdPid)],
    ['ovn-controller', running(f.ovnControllerPid)],
    ['Northbound DB', `${nb.db}, ${nb.reachable ? `reachable (${nb.ms} ms)` : `unreachable (${nb.ms} ms)`}`],
    ['Ready', f.ready ? 'yes' : 'no'],
  ];
  const lines = rows.map(([k, v]) => `${`${k}:`.padEnd(17)}${v}`);
  for (const p of f.problems) lines.push(`  problem: ${p}`);
  return `${lines.join('\n')}\n\n`;
}

export const hostOvnVerb: Verb = {
  name: 'host-ovn',
  summary: 'this host as an OVN chassis: its daemons, settings, the northbound database, what is missing',
  args: { positionals: [], required: 0, flags: ['json'] },
  async run(ctx, a) {
    const facts = await withContext('Failed to get OVN facts', null, async () =>
      (await ctx.client()).call('host.ovn', {}),
    );
    ctx.out(a.flags.has('json') ? `${JSON.stringify(facts, null, 2)}\n` : formatOvnFacts(facts));
  },
};
