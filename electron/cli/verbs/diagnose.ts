/**
 * `vnm net-diagnose NETWORK [--guest MAC|IP|HOSTNAME] [--json]`: vnmd's checklist of why a
 * network or a guest has no connectivity, one `ok|warn|fail  summary` line per check with an
 * indented `fix:` line. Exit status 1 when a check fails, so scripts can act on it.
 */
import type { DiagnoseResult } from '../../../shared/rpc/contract';
import type { Verb } from '../context';
import { arg, CliFailure, withContext } from '../context';

export function formatDiagnosis(r: DiagnoseResult): string {
  return r.checks
    .map((c) => {
      const head = `${c.status.padEnd(4)}  ${c.summary}\n`;
      return c.fix ? `${head}      fix: ${c.fix}\n` : head;
    })
    .join('');
}

export const diagnoseVerb: Verb = {
  name: 'net-diagnose',
  summary: 'check why a network or a guest has no connectivity',
  args: { positionals: ['network'], required: 1, options: ['guest'], flags: ['json'] },
  async run(ctx, a) {
    const ref = arg(a, 'network');
    const guest = a.values.guest;
    const result = await withContext(`Failed to diagnose network ${ref}`, ref, async () =>
      (await ctx.client()).call(
        'network.diagnose',
        guest === undefined ? { network: ref } : { network: ref, guest },
      ),
    );
    ctx.out(a.flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : formatDiagnosis(result));
    const failed = result.checks.filter((c) => c.status === 'fail').length;
    if (failed > 0) throw new CliFailure([`network '${result.network}': ${failed} check(s) failed`]);
  },
};
