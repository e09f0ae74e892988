/** The checks a definition must pass before vnmd touches the host for it. */
import type { NetworkDef } from '../../../shared/model/network';
import { validateForStart } from '../../../shared/validation';
import { findingsError } from './xml';

/** Throws the first reason the network cannot start (unsupported or invalid), all of them in details. */
export function checkStartable(def: NetworkDef): void {
  const errors = validateForStart(def);
  if (errors.length > 0) throw findingsError(errors);
}
