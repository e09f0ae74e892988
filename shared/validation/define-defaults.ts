/**
 * What vnmd fills in when a network is defined, as libvirt does: a UUID when none is given,
 * and for networks with a vnm-managed bridge (nat, route, open, isolated) a bridge name and
 * a MAC address. The generators are parameters so that this stays pure and testable.
 */
import type { NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';

export interface DefineGenerators {
  readonly uuid: () => string;
  /** A free bridge name (virbr0, virbr1, ... skipping names in use). */
  readonly bridgeName: () => string;
  /** A MAC with prefix 52:54:00 (see net/mac.ts generateMac). */
  readonly mac: () => string;
}

export function fillDefineDefaults(def: NetworkDef, gen: DefineGenerators): NetworkDef {
  const managed = isManagedBridgeKind(networkKind(def));
  return {
    ...def,
    uuid: def.uuid ?? gen.uuid(),
    ...(managed && !def.bridge?.name ? { bridge: { ...def.bridge, name: gen.bridgeName() } } : {}),
    ...(managed && !def.mac ? { mac: gen.mac() } : {}),
  };
}
