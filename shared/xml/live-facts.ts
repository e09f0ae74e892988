/**
 * What libvirt 9.0 adds to a running network's XML and never saves: the number of guest
 * interfaces (`<network connections='N'>`) and, for NAT, the source port range it masquerades
 * to when the definition names none (`<nat><port start='1024' end='65535'/></nat>`).
 * vnmd adds them to live `net-dumpxml`; the window takes them out again before it compares
 * a running definition with a saved one, so they never count as a change.
 */
import type { NetworkDef } from '../model/network';
import type { PortRange } from '../model/port-range';

/** libvirt's masquerade port range when <nat> names none. */
export const DEFAULT_NAT_PORTS: PortRange = { start: 1024, end: 65535 };

const isDefaultPorts = (p: PortRange | undefined) =>
  p !== undefined && p.start === DEFAULT_NAT_PORTS.start && p.end === DEFAULT_NAT_PORTS.end;

/** The running definition as live XML shows it (format it with `{ live: true }`). */
export function withLiveFacts(def: NetworkDef, connections: number): NetworkDef {
  const fwd = def.forward;
  const withPorts =
    fwd?.mode === 'nat' && !fwd.nat?.port
      ? {
          ...fwd,
          nat: { addresses: [], ...fwd.nat, port: DEFAULT_NAT_PORTS },
        }
      : fwd;
  return { ...def, forward: withPorts, connections: connections > 0 ? connections : undefined };
}

/**
 * The running definition without the live-only facts, for comparing with `saved`: the default
 * port range goes when `saved` names no range (it is what the network runs with anyway).
 */
export function withoutLiveFacts(running: NetworkDef, saved: NetworkDef): NetworkDef {
  const { connections: _connections, ...rest } = running;
  const fwd = rest.forward;
  const nat = fwd?.nat;
  if (!fwd || !nat || !isDefaultPorts(nat.port) || saved.forward?.nat?.port) return rest;
  const { port: _port, ...natRest } = nat;
  const empty = natRest.addresses.length === 0 && natRest.ipv6 === undefined;
  const { nat: _nat, ...fwdRest } = fwd;
  return { ...rest, forward: empty && !saved.forward?.nat ? fwdRest : { ...fwdRest, nat: natRest } };
}
