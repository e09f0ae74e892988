/** parse + define-time validation in one call: what `net-define` needs. */
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from '../xml/parse-network';
import type { ValidationError } from './issues';
import { validateNetworkDef } from './validate-network';

export type ReadDefinitionResult =
  | { readonly ok: true; readonly def: NetworkDef }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export function readNetworkDefinition(xml: string): ReadDefinitionResult {
  const parsed = parseNetworkXml(xml);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: parsed.errors.map((e) => ({ element: e.element, message: e.message, kind: 'invalid' })),
    };
  }
  const errors = validateNetworkDef(parsed.def);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, def: parsed.def };
}
