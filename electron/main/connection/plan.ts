/**
 * How the app reaches vnmd, in this order: `--connect URI`; VNM_CONNECT; the system socket
 * when it exists (with socket activation the first connection starts vnmd); the installed
 * service, started through pkexec and a small helper when it is stopped; as root only, vnmd
 * as the app's own child (a developer's checkout). An ordinary user never gets a root vnmd
 * as the app's child: the app could not stop it again.
 */
import { DEFAULT_SOCKET, socketPathFromUri } from '../../client/uri';
import { sshNameOf } from '../../../shared/api/ssh-uri';

/** Installed by the package (build/linux): runs `systemctl start vnmd.socket vnmd.service`. */
export const START_SERVICE_HELPER = '/usr/lib/vnm/vnm-start-service';

export type ConnectionPlan =
  | { readonly kind: 'socket'; readonly path: string; readonly source: 'flag' | 'env' | 'system' }
  /** vnmd on another machine over ssh (`--connect vnm+ssh://…`): the first window shows it. */
  | { readonly kind: 'remote'; readonly uri: string; readonly source: 'flag' | 'env' }
  | { readonly kind: 'child'; readonly path: string }
  | { readonly kind: 'start-service'; readonly path: string; readonly helper: string }
  | { readonly kind: 'unavailable'; readonly path: string };

export interface PlanInputs {
  readonly connect?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isRoot: boolean;
  readonly exists: (path: string) => boolean;
  /** Where a vnmd the app starts puts its socket. */
  readonly ownSocket: string;
}

const isSsh = (uri: string) => uri.startsWith('vnm+ssh://');

export function planConnection(inputs: PlanInputs): ConnectionPlan {
  const given = inputs.connect ? { uri: inputs.connect, source: 'flag' as const } : null;
  const env = inputs.env.VNM_CONNECT;
  const chosen = given ?? (env ? { uri: env, source: 'env' as const } : null);
  if (chosen && isSsh(chosen.uri)) return { kind: 'remote', ...chosen };
  if (chosen) return { kind: 'socket', path: socketPathFromUri(chosen.uri), source: chosen.source };
  if (inputs.exists(DEFAULT_SOCKET)) return { kind: 'socket', path: DEFAULT_SOCKET, source: 'system' };
  if (inputs.exists(START_SERVICE_HELPER)) {
    return { kind: 'start-service', path: DEFAULT_SOCKET, helper: START_SERVICE_HELPER };
  }
  if (inputs.isRoot) return { kind: 'child', path: inputs.ownSocket };
  return { kind: 'unavailable', path: DEFAULT_SOCKET };
}

/** One sentence for the terminal: what the app connects to, and what that means. */
export function describePlan(plan: ConnectionPlan): string {
  switch (plan.kind) {
    case 'socket':
      return plan.source === 'system'
        ? `vnm: using the system vnmd at ${plan.path}.`
        : `vnm: connecting to vnmd at ${plan.path} (from ${plan.source === 'flag' ? '--connect' : 'VNM_CONNECT'}).`;
    case 'remote':
      return `vnm: connecting to vnmd on ${sshNameOf(plan.uri)} over ssh (from ${plan.source === 'flag' ? '--connect' : 'VNM_CONNECT'}).`;
    case 'child':
      return (
        `vnm: no vnmd is running, so vnm starts one as root for this session. It manages THIS machine's ` +
        `real network (bridges, firewall, dnsmasq); to try vnm without touching it, run \`npm run demo\` instead.`
      );
    case 'start-service':
      return 'vnm: the vnmd service is stopped; starting it needs administrator rights, so pkexec asks for a password.';
    case 'unavailable':
      return unavailableMessage(plan.path);
  }
}

export function unavailableMessage(path: string): string {
  return (
    `vnmd is not running (no ${path}) and this vnm is not installed as a service. Install the vnm package ` +
    '(it runs vnmd as a system service), or start vnmd yourself with `sudo vnm daemon`; to try vnm in a sandbox ' +
    'that leaves this machine alone, run `npm run demo` as root.'
  );
}

export function uriOf(path: string): string {
  return `unix:${path}`;
}
