/**
 * Defines a network the way vnmd does (parse, validate, fill in generated values) and
 * formats it as `net-dumpxml --inactive` would, with the oracle's generated MAC put in place
 * of ours (README "Normalisation", items 1, 3 and 4).
 */
import { randomUUID } from 'node:crypto';
import type { NetworkDef } from '../../shared/model/network';
import { generateMac } from '../../shared/net/mac';
import { fillDefineDefaults } from '../../shared/validation/define-defaults';
import { readNetworkDefinition } from '../../shared/validation/read-definition';
import type { ValidationError } from '../../shared/validation/issues';
import { formatNetworkXml } from '../../shared/xml/format-network';

export type Defined =
  | { readonly ok: true; readonly def: NetworkDef; readonly dumpxml: string }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** The bridge libvirt allocated in the oracle: no other network existed. */
export const ORACLE_BRIDGE = 'virbr0';

export function defineLikeVnmd(input: string, oracleXml?: string): Defined {
  const read = readNetworkDefinition(input);
  if (!read.ok) return read;
  const oracleMac = oracleXml ? /<mac address='(52:54:00:[0-9a-f:]{8})'\/>/.exec(oracleXml)?.[1] : undefined;
  const macGiven = read.def.mac !== undefined;
  const def = fillDefineDefaults(read.def, {
    uuid: randomUUID,
    bridgeName: () => ORACLE_BRIDGE,
    // A generated MAC cannot match libvirt's random one: use the oracle's value instead.
    mac: () => (!macGiven && oracleMac ? oracleMac : generateMac()),
  });
  // virsh prints the API string and one newline of its own.
  return { ok: true, def, dumpxml: `${formatNetworkXml(def)}\n` };
}
