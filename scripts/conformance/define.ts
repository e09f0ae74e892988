/**
 * Defines a network the way vnmd does (parse, validate, then the same fill-ins as vnmd's
 * define: shared/validation/define-defaults.ts, bridge name templates and allocation
 * included) and formats it as `net-dumpxml --inactive` would. Values libvirt generated at
 * random (README "Normalisation": UUID, MAC) are taken from the oracle's output wherever the
 * case's MANIFEST row marks them generated, or the input leaves them out; an allocated
 * bridge name is not substituted: vnm's allocation must land on the same name.
 */
import { randomUUID } from 'node:crypto';
import type { NetworkDef } from '../../shared/model/network';
import { generateMac } from '../../shared/net/mac';
import { fillDefineDefaults } from '../../shared/validation/define-defaults';
import { readNetworkDefinition } from '../../shared/validation/read-definition';
import type { ValidationError } from '../../shared/validation/issues';
import { formatNetworkXml } from '../../shared/xml/format-network';
import type { GeneratedField } from './oracle';

export type Defined =
  | { readonly ok: true; readonly def: NetworkDef; readonly dumpxml: string }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** Bridge names in use when the oracle ran: none (no other network or interface existed). */
export const ORACLE_TAKEN_BRIDGES: ReadonlySet<string> = new Set();

export interface OracleOutput {
  readonly xml?: string;
  readonly generated?: ReadonlySet<GeneratedField>;
}

export function defineLikeVnmd(input: string, oracle: OracleOutput = {}): Defined {
  const read = readNetworkDefinition(input);
  if (!read.ok) return read;
  const xml = oracle.xml ?? '';
  const marked = oracle.generated ?? new Set<GeneratedField>();
  const oracleUuid = /<uuid>([0-9a-f-]{36})<\/uuid>/.exec(xml)?.[1];
  const oracleMac = /<mac address='(52:54:00:[0-9a-f:]{8})'\/>/.exec(xml)?.[1];
  const uuidGenerated = marked.has('uuid') || read.def.uuid === undefined;
  const macGenerated = marked.has('mac') || read.def.mac === undefined;
  const given: NetworkDef = {
    ...read.def,
    // A generated value cannot match libvirt's random one: use the oracle's instead.
    ...(uuidGenerated && oracleUuid ? { uuid: oracleUuid } : {}),
    ...(macGenerated && oracleMac ? { mac: oracleMac } : {}),
  };
  const def = fillDefineDefaults(given, {
    uuid: randomUUID,
    mac: generateMac,
    takenBridges: ORACLE_TAKEN_BRIDGES,
  });
  // virsh prints the API string and one newline of its own.
  return { ok: true, def, dumpxml: `${formatNetworkXml(def)}\n` };
}
