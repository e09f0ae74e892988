/**
 * Proposals for the creation wizard (host.propose): a free private subnet and a free bridge
 * name, as virt-manager and libvirt pick them.
 */
import { randomBytes } from 'node:crypto';
import { VnmError } from '../../../shared/rpc/errors';
import { listLinks } from '../bridge/links';
import { listRoutes } from '../bridge/routes';
import {
  cidrsOverlap,
  formatCidr,
  nextCidr,
  parseCidr,
  tryParseCidr,
  type Cidr,
} from '../../../shared/net/cidr';
import { HOST_READ_INTERVAL_MS, hostInterfaces } from './facts';
import { throttled } from './throttle';

// Proposals are for the wizard (any client may ask): host reads are shared and rate-limited.
const hostRoutes = throttled(listRoutes, HOST_READ_INTERVAL_MS);
const hostLinks = throttled(listLinks, HOST_READ_INTERVAL_MS);

/** Where to look, in order: virt-manager starts at 192.168.100.0/24, then the rest of 192.168, 10/8, 172.16/12. */
const SEARCH: readonly { range: string; from: string }[] = [
  { range: '192.168.0.0/16', from: '192.168.100.0' },
  { range: '192.168.0.0/16', from: '192.168.0.0' },
  { range: '10.0.0.0/8', from: '10.0.0.0' },
  { range: '172.16.0.0/12', from: '172.16.0.0' },
];
/** Bounds the scan of one range, so a host with thousands of routes still answers at once. */
const MAX_TRIES_PER_RANGE = 65_536;

function* candidates(prefix: number): Generator<Cidr> {
  for (const { range, from } of SEARCH) {
    const outer = parseCidr(range);
    if (prefix < outer.prefix) continue;
    let c: Cidr | null = parseCidr(`${from}/${prefix}`);
    for (let i = 0; c && cidrsOverlap(c, outer) && i < MAX_TRIES_PER_RANGE; i++) {
      yield c;
      c = nextCidr(c);
    }
  }
}

/** The first candidate subnet of `prefix` bits that overlaps none of `taken`; null if none. */
export function pickFreeSubnet(prefix: number, taken: readonly Cidr[]): string | null {
  if (!Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
    throw new VnmError('invalid-argument', `The prefix /${prefix} cannot be proposed: use 8 to 30.`);
  }
  const relevant = taken.filter((t) => t.family === 4 && t.prefix > 0);
  for (const c of candidates(prefix)) {
    if (!relevant.some((t) => cidrsOverlap(t, c))) return formatCidr(c);
  }
  return null;
}

/** Subnets in use on the host: routes (but not the default route) and interface addresses. */
export async function hostSubnetsInUse(): Promise<Cidr[]> {
  const [routes, interfaces] = await Promise.all([hostRoutes(), hostInterfaces()]);
  const texts = [...routes.map((r) => r.dst), ...interfaces.flatMap((i) => i.addresses)];
  return texts.map(tryParseCidr).filter((c): c is Cidr => c !== null && c.prefix > 0);
}

/**
 * A private IPv4 subnet of `prefix` bits that overlaps no host route, no host address and
 * none of `exclude` (the subnets of other networks).
 */
export async function proposeSubnet(opts: { prefix: number; exclude: readonly string[] }): Promise<string> {
  const taken = [...(await hostSubnetsInUse()), ...opts.exclude.map((s) => parseCidr(s, 'excluded subnet'))];
  const subnet = pickFreeSubnet(opts.prefix, taken);
  if (!subnet) {
    throw new VnmError(
      'conflict',
      `No free private /${opts.prefix} subnet is left on this host: enter a subnet yourself or use a longer prefix.`,
    );
  }
  return subnet;
}

/** A unique local IPv6 /64 (RFC 4193: fd00::/8 with a random 40-bit global id) that overlaps nothing given. */
export function proposeIpv6Subnet(
  exclude: readonly string[] = [],
  random: (n: number) => Uint8Array = randomBytes,
): string {
  const taken = exclude.map(tryParseCidr).filter((c): c is Cidr => c?.family === 6);
  for (let i = 0; i < 100; i++) {
    const id = Buffer.from(random(5)).toString('hex');
    const text = `fd${id.slice(0, 2)}:${id.slice(2, 6)}:${id.slice(6, 10)}::/64`;
    const cidr = parseCidr(text);
    if (!taken.some((t) => cidrsOverlap(t, cidr))) return formatCidr(cidr);
  }
  throw new VnmError('internal', 'Could not pick a free IPv6 subnet: enter one yourself.');
}

/** virbr0, virbr1, ...: the first name not in `taken`. */
export function proposeBridgeName(taken: ReadonlySet<string>): string {
  for (let i = 0; ; i++) {
    const name = `virbr${i}`;
    if (!taken.has(name)) return name;
  }
}

/** The first virbrN that is neither a link on the host nor in `taken` (bridges of defined networks). */
export async function proposeBridgeNameOnHost(taken: ReadonlySet<string> = new Set()): Promise<string> {
  const links = await hostLinks();
  return proposeBridgeName(new Set([...taken, ...links.map((l) => l.name)]));
}
