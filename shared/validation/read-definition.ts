/** parse + define-time validation in one call: what `net-define` needs. */
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from '../xml/parse-network';
import type { ValidationError } from './issues';
import { validateNetworkDef } from './validate-network';

export type ReadDefinitionResult =
  | { readonly ok: true; readonly def: NetworkDef }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export function readNetworkDefinition(xml: string): ReadDefinitionResult {
  // U+FFFD is what a decoder leaves for bytes it could not read: the file was decoded with
  // the wrong encoding somewhere, and its names would not be the ones the user wrote.
  if (xml.includes('\uFFFD')) {
    const message =
      'The XML contains U+FFFD replacement characters: it was read in the wrong encoding; convert the file with iconv -t UTF-8 and try again.';
    return { ok: false, errors: [{ element: 'network', message, kind: 'invalid' }] };
  }
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
