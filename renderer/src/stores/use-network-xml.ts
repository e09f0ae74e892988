/**
 * The network's XML from the store, which fetches it once per version of the network
 * (network-xml-slice.ts). While vnmd is away it keeps the last XML it had.
 */
import { useEffect } from 'react';
import { useAppStore } from './app-store';
import { xmlKey } from './network-xml-slice';

export function useNetworkXml(network: string, inactive = false): { xml: string | null; error: unknown } {
  const entry = useAppStore((s) => s.xmls[xmlKey(network, inactive)]);
  const version = useAppStore((s) => s.versions[network] ?? 0);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const load = useAppStore((s) => s.loadNetworkXml);
  useEffect(() => {
    if (connected) void load(network, inactive);
  }, [network, inactive, version, connected, load]);
  return { xml: entry?.xml ?? null, error: entry?.error ?? null };
}
