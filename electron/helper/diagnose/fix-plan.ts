/**
 * What vnmd itself may do for a failed checklist line when the user asks (`network.applyFix`):
 * run its own argument arrays (never a string from the client, never a shell), or restart a
 * dead dnsmasq through the driver. The plan rides beside the line it belongs to in a WeakMap,
 * so the line keeps the contract's shape (the window sees only `canApply: true`), and a check
 * that attaches no plan is simply one vnmd refuses to apply.
 */
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import type { Argv } from './argv';

export type FixPlan =
  { readonly kind: 'run'; readonly commands: readonly Argv[] } | { readonly kind: 'restart-dnsmasq' };

/**
 * The programs a plan may run: the firewall tools whose tables #13 lets vnm change on the
 * user's confirmation, and sysctl for forwarding. Checked again when a plan runs.
 */
export const FIX_PROGRAMS: ReadonlySet<string> = new Set([
  'nft',
  'iptables',
  'ip6tables',
  'sysctl',
  'firewall-cmd',
  'ufw',
]);

const plans = new WeakMap<DiagnoseCheck, FixPlan>();

/** The line with `canApply: true`, remembered with the plan that applies it. */
export function withPlan(line: DiagnoseCheck, plan: FixPlan): DiagnoseCheck {
  const out: DiagnoseCheck = { ...line, canApply: true };
  plans.set(out, plan);
  return out;
}

/** A copy of `line` changed by `change`, keeping its plan (if any). */
export function reshape(line: DiagnoseCheck, change: Partial<DiagnoseCheck>): DiagnoseCheck {
  const plan = plans.get(line);
  const out = { ...line, ...change };
  if (plan) plans.set(out, plan);
  return out;
}

export function planOf(line: DiagnoseCheck): FixPlan | undefined {
  return plans.get(line);
}
