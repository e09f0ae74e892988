/**
 * Where vnm's CLI prints what virsh (libvirt 9.0) does not, on purpose. Each entry names the
 * step of plan.ts and the field that differs, and why; the README lists the same.
 */
import type { Outcome } from './normalise';

export interface ListedDifference {
  readonly step: string;
  readonly field: keyof Outcome;
  readonly reason: string;
}

export const DIFFERENCES: readonly ListedDifference[] = [
  {
    step: 'event-list',
    field: 'stdout',
    reason:
      "vnmd has more event types than libvirt 9.0's lifecycle: stats, leases, interfaces and findings, listed after it",
  },
  {
    step: 'help-list',
    field: 'stdout',
    reason: "vnm's net-list also takes --json (every field vnmd has, for scripts); its help says so",
  },
];
