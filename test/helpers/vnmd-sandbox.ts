/**
 * The set-up most vnmd integration files share: a sandbox host (sandbox.ts), the real vnmd
 * inside it (vnmd.ts) and, unless told otherwise, one read-write client, made in beforeAll;
 * in afterAll every client and vnmd the file started (restarts included) is ended, the
 * namespaces go and vnmd's folders are removed, whether the tests passed or not.
 *
 * A file keeps its own variables and gets the pieces in `ready`, where it can also do the
 * rest of its set-up; hooks it registers after this call run after `ready`, and its own
 * afterAll runs before the teardown here (vitest runs after-hooks as a stack).
 */
import { afterAll, beforeAll } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { destroyAllNetns } from './netns';
import { createSandbox, type Sandbox } from './sandbox';
import { killAllVnmd, removeDirs, startVnmd, type Vnmd, type VnmdOptions } from './vnmd';

export interface SandboxedVnmd {
  readonly sb: Sandbox;
  readonly vnmd: Vnmd;
}

export interface VnmdSandbox extends SandboxedVnmd {
  readonly client: VnmClient;
}

export interface VnmdSandboxOptions {
  /** vnmd's options, asked for when beforeAll runs (so they may name what an earlier hook made). */
  readonly vnmd?: () => VnmdOptions;
  /** false: open no client (the file opens its own, or talks through the CLI). */
  readonly client?: boolean;
}

// What `ready` returns is awaited, so a one-line assignment and an async set-up both fit.
type Ready<S> = (s: S) => unknown;

export function setUpVnmdSandbox(
  prefix: string,
  ready: Ready<VnmdSandbox>,
  opts?: VnmdSandboxOptions & { client?: true },
): void;
export function setUpVnmdSandbox(
  prefix: string,
  ready: Ready<SandboxedVnmd>,
  opts: VnmdSandboxOptions & { client: false },
): void;
export function setUpVnmdSandbox(
  prefix: string,
  ready: Ready<VnmdSandbox> | Ready<SandboxedVnmd>,
  opts: VnmdSandboxOptions = {},
): void {
  beforeAll(async () => {
    const sb = await createSandbox(prefix);
    const vnmd = await startVnmd(sb.host, opts.vnmd?.());
    if (opts.client === false) await (ready as Ready<SandboxedVnmd>)({ sb, vnmd });
    else await (ready as Ready<VnmdSandbox>)({ sb, vnmd, client: await vnmd.client() });
  });

  afterAll(async () => {
    const dirs = await killAllVnmd();
    await destroyAllNetns();
    dirs.forEach(removeDirs);
  });
}
