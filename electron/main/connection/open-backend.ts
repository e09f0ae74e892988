/**
 * Opens the app's connection to vnmd following the plan (plan.ts), starting vnmd first
 * when the plan says so, and returns a backend that reconnects by itself.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectVnmd } from '../../client/client';
import { VnmError } from '../../../shared/rpc/errors';
import { ReconnectingBackend } from '../backend/reconnecting-backend';
import type { ConnectionPlan } from './plan';
import { uriOf } from './plan';
import { daemonCommand, startVnmd } from './start-vnmd';
import type { DaemonRuntime } from './start-vnmd';

export interface OpenBackendOptions {
  readonly plan: ConnectionPlan;
  readonly runtime: DaemonRuntime;
  /** Asked before pkexec prompts for a password; false cancels. */
  readonly confirmPkexec: () => Promise<boolean>;
}

export interface OpenedBackend {
  readonly backend: ReconnectingBackend;
  /** The vnmd this app started, if any; stop it when the app quits. */
  readonly child: ChildProcess | null;
}

export async function openBackend(opts: OpenBackendOptions): Promise<OpenedBackend> {
  const { plan } = opts;
  let child: ChildProcess | null = null;
  if (plan.kind !== 'socket') {
    if (plan.kind === 'pkexec' && !(await opts.confirmPkexec())) {
      throw new VnmError(
        'permission-denied',
        'vnm needs vnmd to manage networks; start it with `sudo vnm daemon`.',
      );
    }
    const deps = { spawn, exists: existsSync, sleep: (ms: number) => sleep(ms) };
    child = await startVnmd(daemonCommand(plan.kind, opts.runtime), plan.path, deps);
  }
  const backend = new ReconnectingBackend({ uri: uriOf(plan.path), connect: () => connectVnmd(plan.path) });
  await backend.start();
  return { backend, child };
}
