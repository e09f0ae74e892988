/**
 * `vnm net-diagnose NETWORK [--guest MAC|IP|HOSTNAME] [--json]`: vnmd's checklist of why a
 * network or a guest has no connectivity, one `ok|warn|fail  summary` line per check with an
 * indented `fix:` line. Exit status 1 when a check fails, so scripts can act on it.
 *
 * `--fix CHECK [--yes]` asks vnmd to apply its own fix for that line (network.applyFix), after
 * a y/N question on a terminal; without a terminal only --yes consents, because the fix may
 * change another tool's firewall table and nothing there changes without the user's word.
 */
import type { DiagnoseCheck, DiagnoseResult } from '../../../shared/rpc/contract';
import { confirm } from '../confirm';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, withContext } from '../context';
import type { ParsedArgs } from '../args';
import { UsageError } from '../args';

export function formatDiagnosis(r: Pick<DiagnoseResult, 'checks'>): string {
  return r.checks
    .map((c) => {
      const head = `${c.status.padEnd(4)}  ${c.summary}\n`;
      return c.fix ? `${head}      fix: ${c.fix}\n` : head;
    })
    .join('');
}

export type Consent = 'apply' | 'ask' | 'refuse';

/** --yes consents; otherwise a person at a terminal is asked, and a script is refused. */
export function consentFor(yes: boolean, stdinIsTty: boolean): Consent {
  return yes ? 'apply' : stdinIsTty ? 'ask' : 'refuse';
}

/** Why a line cannot be applied, said before anything is asked or sent; null when it can. */
export function notApplicable(r: DiagnoseResult, check: string): string | null {
  const line = r.checks.find((c) => c.id === check);
  if (!line) {
    const ids = r.checks.map((c) => c.id).join(', ');
    return `network '${r.network}' has no check '${check}'; its checks are: ${ids} (see vnm net-diagnose ${r.network}).`;
  }
  if (line.status === 'ok')
    return `check '${check}' of network '${r.network}' passes: there is nothing to fix.`;
  if (!line.canApply) {
    const byHand = line.fix ? `run it by hand if it is right for this host: ${line.fix}` : 'fix it by hand';
    return `vnmd does not apply the fix for '${check}' itself; ${byHand}.`;
  }
  return null;
}

async function runFix(ctx: VerbContext, a: ParsedArgs, ref: string, check: string): Promise<void> {
  if (a.values.guest !== undefined) throw new UsageError('option --fix of net-diagnose takes no --guest');
  const client = await ctx.client();
  const before = await withContext(`Failed to diagnose network ${ref}`, ref, () =>
    client.call('network.diagnose', { network: ref }),
  );
  const why = notApplicable(before, check);
  if (why) throw new CliFailure([why]);
  const line = before.checks.find((c) => c.id === check)!;
  ctx.out(formatDiagnosis({ checks: [line] }));
  const consent = consentFor(a.flags.has('yes'), process.stdin.isTTY === true);
  if (consent === 'refuse') {
    throw new CliFailure([
      `not applying the fix for '${check}' without confirmation: standard input is not a terminal; add --yes to apply it.`,
    ]);
  }
  if (consent === 'ask' && !(await confirm(`Apply this fix to the host?`))) {
    throw new CliFailure([`the fix for '${check}' was not applied.`]);
  }
  const after: DiagnoseCheck = await withContext(
    `Failed to apply the fix for ${check} of network ${ref}`,
    ref,
    () => client.call('network.applyFix', { network: ref, check }),
  );
  ctx.out(
    a.flags.has('json')
      ? `${JSON.stringify(after, null, 2)}\n`
      : `applied; now:\n${formatDiagnosis({ checks: [after] })}`,
  );
  if (after.status === 'fail') {
    throw new CliFailure([`check '${check}' still fails after its fix: ${after.summary}`]);
  }
}

export const diagnoseVerb: Verb = {
  name: 'net-diagnose',
  summary: 'check why a network or a guest has no connectivity',
  args: { positionals: ['network'], required: 1, options: ['guest', 'fix'], flags: ['json', 'yes'] },
  async run(ctx, a) {
    const ref = arg(a, 'network');
    if (a.values.fix !== undefined) return runFix(ctx, a, ref, a.values.fix);
    if (a.flags.has('yes')) throw new UsageError('option --yes of net-diagnose goes with --fix CHECK');
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
