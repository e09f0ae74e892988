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
import { sshSession } from '../connections/ssh-session';
import type { ConnectionPlan } from './plan';
import { describePlan, unavailableMessage, uriOf } from './plan';
import { daemonCommand, serviceCommand, startVnmd } from './start-vnmd';
import type { DaemonRuntime } from './start-vnmd';

export interface OpenBackendOptions {
  readonly plan: ConnectionPlan;
  readonly runtime: DaemonRuntime;
  /** Asked before pkexec prompts for a password; false cancels. */
  readonly confirmPkexec: () => Promise<boolean>;
  /** Where to say what the plan means (the terminal): which vnmd, and what it manages. */
  readonly announce?: (text: string) => void;
}

export interface OpenedBackend {
  readonly backend: ReconnectingBackend;
  /** The vnmd this app started as its child (root only), if any; stop it when the app quits. */
  readonly child: ChildProcess | null;
}

export async function openBackend(opts: OpenBackendOptions): Promise<OpenedBackend> {
  const { plan } = opts;
  opts.announce?.(describePlan(plan));
  if (plan.kind === 'unavailable') throw new VnmError('connection', unavailableMessage(plan.path));
  if (plan.kind === 'remote') {
    const remote = sshSession(plan.uri, null);
    await remote.start();
    return { backend: remote, child: null };
  }
  let child: ChildProcess | null = null;
  if (plan.kind === 'child' || plan.kind === 'start-service') {
    if (plan.kind === 'start-service' && !(await opts.confirmPkexec())) {
      throw new VnmError(
        'permission-denied',
        'vnm needs vnmd to manage networks; start it with `sudo systemctl start vnmd.socket vnmd.service`.',
      );
    }
    const cmd = plan.kind === 'child' ? daemonCommand(opts.runtime) : serviceCommand(plan.helper);
    const deps = { spawn, exists: existsSync, sleep: (ms: number) => sleep(ms) };
    child = await startVnmd(cmd, plan.path, deps);
  }
  const backend = new ReconnectingBackend({ uri: uriOf(plan.path), connect: () => connectVnmd(plan.path) });
  await backend.start();
  return { backend, child };
}
