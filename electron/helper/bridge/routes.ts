/**
 * Host routes, read from `ip -json route`. libvirt refuses to start a network whose subnet
 * is already routed on the host ("Network is already in use by interface eth0"): the same
 * network and prefix in the main routing table, so a bridge would steal that traffic.
 */
import { VnmError } from '../../../shared/rpc/errors';
import { runJson } from '../exec';
import { formatCidr, parseCidr, sameCidr, tryParseCidr, type Cidr } from '../../../shared/net/cidr';

export interface HostRoute {
  /** Destination in CIDR form ('0.0.0.0/0' for the default route). */
  readonly dst: string;
  readonly dev: string | null;
  readonly family: 4 | 6;
}

interface RawRoute {
  dst: string;
  dev?: string;
  nexthops?: { dev?: string }[];
}

function toHostRoute(raw: RawRoute, family: 4 | 6): HostRoute | null {
  const dst =
    raw.dst === 'default'
      ? family === 4
        ? '0.0.0.0/0'
        : '::/0'
      : raw.dst.includes('/')
        ? raw.dst
        : `${raw.dst}/${family === 4 ? 32 : 128}`;
  const parsed = tryParseCidr(dst);
  if (!parsed) return null;
  const dev = raw.dev ?? raw.nexthops?.find((n) => n.dev)?.dev ?? null;
  return { dst: formatCidr(parsed), dev, family };
}

/** Routes of the main table, IPv4 and IPv6. A host without IPv6 simply has none. */
export async function listRoutes(): Promise<HostRoute[]> {
  const v4 = await runJson<RawRoute[] | null>('ip', ['-4', '-json', 'route', 'show']);
  const v6 = await runJson<RawRoute[] | null>('ip', ['-6', '-json', 'route', 'show']).catch(() => null);
  return [...(v4 ?? []).map((r) => toHostRoute(r, 4)), ...(v6 ?? []).map((r) => toHostRoute(r, 6))].filter(
    (r): r is HostRoute => r !== null,
  );
}

/** Pure part of findRouteConflict, for tests. */
export function routeConflictIn(
  routes: readonly HostRoute[],
  subnet: Cidr,
  ignoreDev?: string,
): { dev: string; route: string } | null {
  for (const r of routes) {
    if (ignoreDev !== undefined && r.dev === ignoreDev) continue;
    const dst = tryParseCidr(r.dst);
    if (dst && sameCidr(dst, subnet)) return { dev: r.dev ?? 'none', route: r.dst };
  }
  return null;
}

/**
 * The host route that already covers exactly `cidr` (network and prefix, host bits ignored),
 * with its interface, or null. `ignoreDev` skips routes of the network's own bridge.
 */
export async function findRouteConflict(
  cidr: string,
  opts: { ignoreDev?: string } = {},
): Promise<{ dev: string; route: string } | null> {
  const subnet = parseCidr(cidr);
  return routeConflictIn(await listRoutes(), subnet, opts.ignoreDev);
}

/** The error libvirt gives for such a conflict, for the driver to throw. */
export function routeConflictError(cidr: string, conflict: { dev: string; route: string }): VnmError {
  return new VnmError(
    'conflict',
    `Network is already in use by interface ${conflict.dev} (route ${conflict.route}); choose another subnet than ${cidr}.`,
  );
}
