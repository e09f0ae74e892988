/**
 * What vnmd finds wrong (issue #13): host-wide findings for the Overview and each running
 * network's worst diagnose line for its problem line. Read with `host.findings` on connect,
 * after every lifecycle event and when Diagnose closes; vnmd's `findings` event, where it
 * sends one, only makes it sooner. Whichever answer was read last on the host wins
 * (`checkedAt`), so a slow read never puts back a problem a newer one has cleared.
 */
import type { Findings, NetworkProblem } from '@shared/rpc/contract';
import { toErrorData } from '@shared/rpc/errors';
import { api } from '@/api/vnm-api';
import type { FindingsSlice, Slice } from './types';

export type { FindingsSlice } from './types';

/** The problem of one network, or null when it has none (or the findings are not known). */
export function problemOf(findings: Findings | null, network: string): NetworkProblem | null {
  return findings?.networks.find((p) => p.network === network) ?? null;
}

export const createFindingsSlice: Slice<FindingsSlice> = (set, get) => {
  let inFlight: Promise<void> | null = null;
  /** A read asked for while one runs: its refresh flag, or null when none is waiting. */
  let again: { refresh: boolean } | null = null;

  const take = (findings: Findings) => {
    const have = get().findings;
    if (have && have.checkedAt > findings.checkedAt) return;
    set({ findings, findingsError: null });
  };

  const readOnce = async (refresh: boolean) => {
    try {
      take(await api().hostFindings({ refresh }));
    } catch (err) {
      // Said where the findings show (the Overview), not in a dialog: this read follows every
      // lifecycle event, and one dialog per event would bury the window.
      set({ findingsError: toErrorData(err).message });
    }
  };

  const load = async (refresh: boolean): Promise<void> => {
    if (inFlight) {
      again = { refresh: refresh || (again?.refresh ?? false) };
      return inFlight;
    }
    inFlight = (async () => {
      await readOnce(refresh);
      while (again) {
        const next = again;
        again = null;
        await readOnce(next.refresh);
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    findings: null,
    findingsError: null,
    loadFindings: (refresh = false) => load(refresh),
    takeFindings: take,
    diagnosing: null,
    openDiagnose: (network) => set({ diagnosing: network }),
    closeDiagnose: () => {
      set({ diagnosing: null });
      void load(true);
    },
  };
};
