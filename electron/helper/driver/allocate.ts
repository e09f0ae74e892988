/**
 * vnmd's side of what libvirt fills in at define: the rules (bridge name templates, MAC
 * kept from a previous version) live in shared/validation/define-defaults.ts, shared with
 * the conformance runner; this file adds the randomness vnmd uses.
 */
import { randomBytes } from 'node:crypto';
import type { NetworkDef } from '../../../shared/model/network';
import { assignBridgeAndMac as assignShared } from '../../../shared/validation/define-defaults';

export { pickBridgeName } from '../../../shared/validation/define-defaults';

export function generateMac(): string {
  const b = randomBytes(3);
  return ['52', '54', '00', ...[...b].map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

/** Bridge name and MAC for a definition, with a MAC from the system's random source. */
export function assignBridgeAndMac(
  def: NetworkDef,
  previous: NetworkDef | null,
  taken: ReadonlySet<string>,
): NetworkDef {
  return assignShared(def, previous, taken, generateMac);
}
