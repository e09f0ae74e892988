/**
 * How the app reaches vnmd, in this order (issue 6): `--connect URI`; VNM_CONNECT; the
 * system socket when it exists; as root, vnmd started as a child; else vnmd started
 * through pkexec (Electron only: it asks for a password in a dialog).
 */
import { DEFAULT_SOCKET, socketPathFromUri } from '../../client/uri';

export type ConnectionPlan =
  | { readonly kind: 'socket'; readonly path: string; readonly source: 'flag' | 'env' | 'system' }
  | { readonly kind: 'child'; readonly path: string }
  | { readonly kind: 'pkexec'; readonly path: string };

export interface PlanInputs {
  readonly connect?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isRoot: boolean;
  readonly exists: (path: string) => boolean;
  /** Where a vnmd the app starts puts its socket. */
  readonly ownSocket: string;
}

export function planConnection(inputs: PlanInputs): ConnectionPlan {
  if (inputs.connect) return { kind: 'socket', path: socketPathFromUri(inputs.connect), source: 'flag' };
  const env = inputs.env.VNM_CONNECT;
  if (env) return { kind: 'socket', path: socketPathFromUri(env), source: 'env' };
  if (inputs.exists(DEFAULT_SOCKET)) return { kind: 'socket', path: DEFAULT_SOCKET, source: 'system' };
  return inputs.isRoot
    ? { kind: 'child', path: inputs.ownSocket }
    : { kind: 'pkexec', path: inputs.ownSocket };
}

export function uriOf(path: string): string {
  return `unix:${path}`;
}
