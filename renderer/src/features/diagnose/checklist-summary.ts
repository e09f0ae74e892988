/** The one sentence above the checklist: how it stands overall. */
import type { DiagnoseResult } from '@shared/rpc/contract';

export function checklistSummary(result: DiagnoseResult | null): string {
  if (!result) return '';
  const n = result.checks.length;
  const fail = result.checks.filter((c) => c.status === 'fail').length;
  const warn = result.checks.filter((c) => c.status === 'warn').length;
  const warnings = warn === 0 ? '' : `; ${warn} ${warn === 1 ? 'warning' : 'warnings'}`;
  if (fail > 0)
    return `${fail} ${fail === 1 ? 'check' : 'checks'} of ${n} ${fail === 1 ? 'fails' : 'fail'}${warnings}.`;
  if (warn > 0) return `No check fails${warnings}.`;
  return n === 1 ? 'The check passes.' : `All ${n} checks pass.`;
}
