/**
 * What libvirt fills in when a definition leaves it out: a bridge name (virbr0, virbr1 ...
 * skipping names in use on the host or by other networks) and a MAC with QEMU's 52:54:00 prefix.
 */
import { randomBytes } from 'node:crypto';
import type { NetworkDef } from '../../../shared/model/network';
import { isManagedBridgeKind, networkKind } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';

const MAX_BRIDGES = 4096;

export function generateMac(): string {
  const b = randomBytes(3);
  return ['52', '54', '00', ...[...b].map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

/** The first name of the template (virbr%d) not in `taken`. */
export function pickBridgeName(taken: ReadonlySet<string>, template = 'virbr%d'): string {
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
 */
export function assignBridgeAndMac(
  def: NetworkDef,
  previous: NetworkDef | null,
  taken: ReadonlySet<string>,
): NetworkDef {
  if (!isManagedBridgeKind(networkKind(def))) return def;
  const requested = def.bridge?.name;
  const name =
    requested && !requested.includes('%d')
      ? requested
      : (previous?.bridge?.name ?? pickBridgeName(taken, requested ?? 'virbr%d'));
  const mac = def.mac ?? previous?.mac ?? generateMac();
  return { ...def, bridge: { ...def.bridge, name }, mac };
}
