/**
 * Port forwards of a NAT network (issue #14): host address + port (range) DNAT'd to a guest
 * address + port (range). They are stored in the network's <metadata> in vnm's own XML
 * namespace (see shared/xml/forwards.ts), so the XML stays valid for libvirt.
 */
import type { PortRange } from './port-range';

export type { PortRange } from './port-range';

export const FORWARD_PROTOCOLS = ['tcp', 'udp', 'all'] as const;
/** 'all' is tcp and udp together. */
export type ForwardProtocol = (typeof FORWARD_PROTOCOLS)[number];

export interface PortForward {
  readonly protocol: ForwardProtocol;
  /** Absent: every host address outside the network. */
  readonly hostAddress?: string;
  /** A single port has start === end. */
  readonly hostPort: PortRange;
  readonly guestAddress: string;
  /** Same length as hostPort (port i of the host range goes to port i of this one). */
  readonly guestPort: PortRange;
  readonly description?: string;
}

/** Most forwards one network may hold: a bound on rule count and on the XML's size. */
export const MAX_FORWARDS_PER_NETWORK = 1024;
export const MAX_FORWARD_DESCRIPTION = 256;

/** "8080" or "8000-8010", as the XML and the CLI spell a range. */
export function formatPortRange(range: PortRange): string {
  return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}

/** Reads "8080" or "8000-8010"; undefined when it is not that shape (bounds are validation's job). */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^(\d{1,10})(?:-(\d{1,10}))?$/.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return { start, end };
}

/** Does this forward claim this protocol (tcp/udp)? 'all' claims both. */
export function forwardCovers(protocol: ForwardProtocol, wanted: ForwardProtocol): boolean {
  return protocol === 'all' || wanted === 'all' || protocol === wanted;
}

/** The key a forward is removed by: protocol, first host port and host address. */
export function sameForwardKey(
  f: PortForward,
  key: { protocol: ForwardProtocol; hostPort: number; hostAddress?: string },
): boolean {
  return (
    f.protocol === key.protocol &&
    f.hostPort.start === key.hostPort &&
    (f.hostAddress ?? '') === (key.hostAddress ?? '')
  );
}
