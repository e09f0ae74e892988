/**
 * What vnmd fills in when a network is defined, as libvirt does: a UUID when none is given,
 * and for networks with a vnm-managed bridge (nat, route, open, isolated) a bridge name and
 * a MAC address. A missing bridge name, or a template such as 'lab%d', becomes the first
 * free name of that form. vnmd's define and the conformance runner both call this, so the
 * oracle sees the very allocation vnmd does; generators and the set of names in use are
 * parameters so that this stays pure and testable.
 */
import type { NetworkDef } from '../model/network';
import { isManagedBridgeKind, networkKind } from '../model/network';
import { VnmError } from '../rpc/errors';

/** libvirt's template for a bridge name nobody gave. */
export const DEFAULT_BRIDGE_TEMPLATE = 'virbr%d';
const MAX_BRIDGES = 4096;

/** The first name of the template (its '%d' replaced by 0, 1, 2 ...) not in `taken`. */
export function pickBridgeName(taken: ReadonlySet<string>, template = DEFAULT_BRIDGE_TEMPLATE): string {
  for (let i = 0; i < MAX_BRIDGES; i++) {
    const name = template.replace('%d', String(i));
    if (!taken.has(name)) return name;
  }
  throw new VnmError(
    'conflict',
    `No free bridge name of the form ${template} is left; name the bridge in the XML.`,
  );
}

/**
 * Fills in bridge name and MAC for networks vnm runs on its own bridge, keeping what the
 * definition (or its previous version, `previous`) already has, as libvirt does on define.
 * `taken` holds the bridge names in use (other networks' and the host's links).
 */
export function assignBridgeAndMac(
  def: NetworkDef,
  previous: NetworkDef | null,
  taken: ReadonlySet<string>,
  newMac: () => string,
): NetworkDef {
  if (!isManagedBridgeKind(networkKind(def))) return def;
  const requested = def.bridge?.name;
  const name =
    requested && !requested.includes('%d')
      ? requested
      : (previous?.bridge?.name ?? pickBridgeName(taken, requested ?? DEFAULT_BRIDGE_TEMPLATE));
  const mac = def.mac ?? previous?.mac ?? newMac();
  return { ...def, bridge: { ...def.bridge, name }, mac };
}

export interface DefineGenerators {
  readonly uuid: () => string;
  /** A MAC with prefix 52:54:00 (see net/mac.ts generateMac). */
  readonly mac: () => string;
  /** Bridge names in use, which an allocated name skips. */
  readonly takenBridges: ReadonlySet<string>;
}

/** A first definition (no previous version) completed as vnmd's define completes it. */
export function fillDefineDefaults(def: NetworkDef, gen: DefineGenerators): NetworkDef {
  return assignBridgeAndMac({ ...def, uuid: def.uuid ?? gen.uuid() }, null, gen.takenBridges, gen.mac);
}
