/**
 * What the forwards views know of a network's guests: its definition (subnets, static hosts)
 * as it runs, and its current leases, both kept fresh by vnmd's events.
 */
import { useEffect, useMemo } from 'react';
import type { NetworkDef } from '@shared/model/network';
import { parseNetworkXml } from '@shared/xml';
import { useAppStore } from '@/stores/app-store';
import { useNetworkXml } from '@/stores/use-network-xml';
import type { GuestChoice } from './forward-guests';
import { guestChoices } from './forward-guests';

const NO_LEASES: never[] = [];

export function useForwardGuests(network: string): { def: NetworkDef | null; guests: GuestChoice[] } {
  const active = useAppStore((s) => s.networks.find((n) => n.name === network)?.active ?? false);
  const leases = useAppStore((s) => s.leases[network]) ?? NO_LEASES;
  const loadLeases = useAppStore((s) => s.loadLeases);
  const { xml } = useNetworkXml(network, false);
  useEffect(() => {
    if (active) void loadLeases(network);
  }, [network, active, loadLeases]);
  const def = useMemo(() => {
    if (!xml) return null;
    const parsed = parseNetworkXml(xml);
    return parsed.ok ? parsed.def : null;
  }, [xml]);
  const guests = useMemo(() => guestChoices(def, active ? leases : NO_LEASES), [def, leases, active]);
  return { def, guests };
}
