/**
 * Failure injection for the integration tests of the revert stack: with
 * VNMD_INJECT_FAILURE=STEP in vnmd's environment, that start step fails right after it has
 * changed the host, so the test can prove the revert leaves the host as it was. Unset in
 * normal use, where check() does nothing.
 */
import { VnmError } from '../../shared/rpc/errors';

export const START_STEPS = [
  'bridge',
  'ipv6-sysctl',
  'addresses',
  'bandwidth',
  'forwarding',
  'firewall',
  'dnsmasq',
  'dns-register',
  'status',
] as const;
export type StartStep = (typeof START_STEPS)[number];

export function injectedFailure(step: StartStep): void {
  injectedFailureAt(step);
}

/** The same for steps outside the bridge start (an OVN network's northbound transactions). */
export function injectedFailureAt(step: string): void {
  const wanted = process.env.VNMD_INJECT_FAILURE;
  if (wanted === undefined || wanted === '') return;
  if (wanted.split(',').includes(step)) {
    throw new VnmError('operation-failed', `injected failure after step '${step}' (VNMD_INJECT_FAILURE)`);
  }
}
