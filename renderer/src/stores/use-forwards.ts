/**
 * A network's port forwards from the store, fetched once per version of the network
 * (forwards-slice.ts): vnmd's events move the version, nothing polls.
 */
import { useEffect } from 'react';
import type { PortForward } from '@shared/model/port-forward';
import { useAppStore } from './app-store';

export function useForwards(network: string): { forwards: readonly PortForward[] | null; error: unknown } {
  const entry = useAppStore((s) => s.forwards[network]);
  const version = useAppStore((s) => s.versions[network] ?? 0);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const load = useAppStore((s) => s.loadForwards);
  useEffect(() => {
    if (connected) void load(network);
  }, [network, version, connected, load]);
  return { forwards: entry?.forwards ?? null, error: entry?.error ?? null };
}
