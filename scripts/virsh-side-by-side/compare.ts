/**
 * Compares vnm's outcomes with libvirt's recorded ones, field by field. A difference listed
 * in differences.ts (with its reason, also in the README) is expected; any other one is a
 * failure, and so is a listed one that no longer occurs (the list must stay true).
 */
import { DIFFERENCES } from './differences';
import type { Outcome } from './normalise';

export type Field = keyof Outcome;

export interface Difference {
  readonly step: string;
  readonly field: Field;
  readonly libvirt: string;
  readonly vnm: string;
}

export interface Comparison {
  readonly compared: number;
  /** Differences nobody listed. */
  readonly unexpected: readonly Difference[];
  /** Listed differences that did occur. */
  readonly listed: readonly Difference[];
  /** Listed differences that did not occur. */
  readonly stale: readonly { readonly step: string; readonly field: Field }[];
  /** Steps in the fixture that vnm did not run, or the other way round. */
  readonly missing: readonly string[];
}

const FIELDS: readonly Field[] = ['stdout', 'stderr', 'status'];

export function compareOutcomes(
  libvirt: Readonly<Record<string, Outcome>>,
  vnm: Readonly<Record<string, Outcome>>,
): Comparison {
  const isListed = (step: string, field: Field) =>
    DIFFERENCES.some((d) => d.step === step && d.field === field);
  const found: Difference[] = [];
  const missing = [
    ...Object.keys(libvirt).filter((s) => !(s in vnm)),
    ...Object.keys(vnm).filter((s) => !(s in libvirt)),
  ];
  for (const [step, theirs] of Object.entries(libvirt)) {
    const ours = vnm[step];
    if (!ours) continue;
    for (const field of FIELDS) {
      if (theirs[field] !== ours[field])
        found.push({ step, field, libvirt: String(theirs[field]), vnm: String(ours[field]) });
    }
  }
  const stale = DIFFERENCES.filter(
    (d) => d.step in libvirt && !found.some((f) => f.step === d.step && f.field === d.field),
  ).map(({ step, field }) => ({ step, field }));
  return {
    compared: Object.keys(libvirt).length - missing.length,
    unexpected: found.filter((d) => !isListed(d.step, d.field)),
    listed: found.filter((d) => isListed(d.step, d.field)),
    stale,
    missing,
  };
}

/** A report a person reads: each unexpected difference with both sides' text. */
export function formatComparison(c: Comparison): string {
  const show = (t: string) => JSON.stringify(t);
  const lines = [
    `${c.compared} commands compared: ${c.unexpected.length} unexpected differences, ` +
      `${c.listed.length} listed, ${c.stale.length} listed but gone, ${c.missing.length} missing`,
    ...c.unexpected.map(
      (d) => `  ${d.step} ${d.field}:\n    libvirt ${show(d.libvirt)}\n    vnm     ${show(d.vnm)}`,
    ),
    ...c.stale.map((d) => `  listed but no longer different: ${d.step} ${d.field}`),
    ...c.missing.map((s) => `  missing on one side: ${s}`),
  ];
  return `${lines.join('\n')}\n`;
}
