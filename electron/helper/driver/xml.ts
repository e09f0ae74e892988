/** The driver's use of the shared codec and define-time validation, with errors a person can act on. */
import type { NetworkDef } from '../../../shared/model/network';
import { VnmError } from '../../../shared/rpc/errors';
import type { ValidationError } from '../../../shared/validation';
import { readNetworkDefinition } from '../../../shared/validation';
import { formatNetworkXml } from '../../../shared/xml/format-network';

/** The first finding as the message (kind from the finding), every finding in details. */
export function findingsError(errors: readonly ValidationError[]): VnmError {
  const first = errors[0];
  const message = first?.message ?? 'the XML is not a valid network definition';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  const kind = first?.kind === 'unsupported' ? 'unsupported' : 'invalid-argument';
  const details = errors.length > 1 ? errors.map((e) => `${e.element}: ${e.message}`).join('\n') : undefined;
  return new VnmError(kind, `${message}${more}`, details);
}

/** Parses and validates network XML as net-define does, or throws. */
export function parseDefinition(xml: string): NetworkDef {
  const r = readNetworkDefinition(xml);
  if (r.ok) return r.def;
  throw findingsError(r.errors);
}

export function formatDefinition(def: NetworkDef): string {
  return formatNetworkXml(def);
}
