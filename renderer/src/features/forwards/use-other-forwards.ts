/**
 * The forwards of every other network, for the check that no two networks claim the same
 * host port. Read once per version of each network, as the forwards tab reads its own.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OtherNetwork } from '@shared/validation/port-forward';
import { useAppStore } from '@/stores/app-store';

export function useOtherForwards(network: string): OtherNetwork[] {
  const names = useAppStore(useShallow((s) => s.networks.map((n) => n.name).filter((n) => n !== network)));
  const versions = useAppStore((s) => s.versions);
  const entries = useAppStore((s) => s.forwards);
  const load = useAppStore((s) => s.loadForwards);
  useEffect(() => {
    for (const n of names) void load(n);
  }, [names, versions, load]);
  return useMemo(
    () => names.map((name) => ({ name, forwards: entries[name]?.forwards ?? [] })),
    [names, entries],
  );
}
