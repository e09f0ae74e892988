/**
 * Problems that block Finish but sit on another step than the one shown. Finish works from
 * every step, so a disabled Finish must say what stops it even when the field is elsewhere.
 */
import type { WizardChoices } from '@shared/wizard/choices';
import type { FieldErrors } from './checks';
import type { StepId } from './steps';
import { STEP_FIELDS, stepsFor, stepTitle } from './steps';

export interface ProblemElsewhere {
  readonly step: string;
  readonly message: string;
}

export function problemsElsewhere(
  errors: FieldErrors,
  current: StepId,
  choices: Pick<WizardChoices, 'mode' | 'ovnMode'>,
): ProblemElsewhere[] {
  const here = new Set(STEP_FIELDS[current]);
  const seen = new Set(here);
  const out: ProblemElsewhere[] = [];
  for (const step of stepsFor(choices)) {
    for (const key of STEP_FIELDS[step]) {
      const message = errors[key];
      if (seen.has(key) || message === undefined) continue;
      seen.add(key);
      out.push({ step: stepTitle(step, choices.mode), message });
    }
  }
  return out;
}
