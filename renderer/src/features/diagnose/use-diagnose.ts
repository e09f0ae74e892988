/**
 * The Diagnose dialog's work: run network.diagnose (for a guest when one is named), apply one
 * line's fix, then run the whole checklist again, since one fix can change other lines. Errors
 * stay in the dialog, with vnmd's own sentence.
 */
import { useCallback, useRef, useState } from 'react';
import type { DiagnoseCheck, DiagnoseResult } from '@shared/rpc/contract';
import { toErrorData } from '@shared/rpc/errors';
import { api } from '@/api/vnm-api';

export interface DiagnoseState {
  readonly running: boolean;
  readonly result: DiagnoseResult | null;
  /** Why the last run failed, in vnmd's words. */
  readonly error: string | null;
  /** The check whose fix is being applied. */
  readonly applying: string | null;
  /** Why the last apply failed. */
  readonly applyError: string | null;
}

const IDLE: DiagnoseState = { running: false, result: null, error: null, applying: null, applyError: null };

export function useDiagnose(network: string) {
  const [state, setState] = useState<DiagnoseState>(IDLE);
  // Only the newest run's answer is shown: an older one may come back later.
  const seq = useRef(0);

  const run = useCallback(
    async (guest: string) => {
      const mine = ++seq.current;
      setState((s) => ({ ...s, running: true, error: null }));
      try {
        const g = guest.trim();
        const result = await api().diagnoseNetwork({ network, ...(g ? { guest: g } : {}) });
        if (mine === seq.current) setState((s) => ({ ...s, running: false, result }));
      } catch (err) {
        if (mine === seq.current)
          setState((s) => ({ ...s, running: false, error: toErrorData(err).message }));
      }
    },
    [network],
  );

  const apply = useCallback(
    async (check: DiagnoseCheck, guest: string) => {
      setState((s) => ({ ...s, applying: check.id, applyError: null }));
      try {
        await api().applyFix({ network, check: check.id });
        setState((s) => ({ ...s, applying: null }));
      } catch (err) {
        setState((s) => ({ ...s, applying: null, applyError: toErrorData(err).message }));
        return;
      }
      await run(guest);
    },
    [network, run],
  );

  return { state, run, apply };
}
