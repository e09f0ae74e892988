/**
 * `vnm host-findings [--refresh] [--json]`: what vnmd found wrong with the host as a whole
 * (forwarding off, another tool's drop policy, no default route) and each running network's
 * worst checklist line. Our own verb, in the manner of virsh's node* verbs (nodeinfo): a
 * report of the host, exit status 0 whatever it says; `net-diagnose` is the one that fails.
 */
import type { Findings } from '../../../shared/rpc/contract';
import type { Verb } from '../context';
import { withContext } from '../context';

export function formatFindings(f: Findings): string {
  const lines: string[] = [];
  for (const h of f.host) {
    lines.push(`${h.status.padEnd(4)}  ${h.summary}`);
    if (h.fix) lines.push(`      fix: ${h.fix}`);
  }
  for (const n of f.networks) {
    const more = n.failed > 1 ? ` (${n.failed} checks fail)` : '';
    lines.push(`${n.status.padEnd(4)}  network ${n.network}: ${n.summary}${more}`);
    lines.push(`      see: vnm net-diagnose ${n.network}`);
  }
  if (lines.length === 0) lines.push('No findings: the host and every running network pass their checks.');
  const at = new Date(f.checkedAt).toISOString();
  return `${lines.join('\n')}\nChecked at ${at}.\n`;
}

export const hostFindingsVerb: Verb = {
  name: 'host-findings',
  summary: "what is wrong with the host's networking, and each running network's worst check",
  args: { positionals: [], required: 0, flags: ['refresh', 'json'] },
  async run(ctx, a) {
    const findings = await withContext('Failed to get host findings', null, async () =>
      (await ctx.client()).call('host.findings', { refresh: a.flags.has('refresh') }),
    );
    ctx.out(a.flags.has('json') ? `${JSON.stringify(findings, null, 2)}\n` : formatFindings(findings));
  },
};
