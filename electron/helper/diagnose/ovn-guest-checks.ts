/**
 * The line for one guest of an OVN network (`--guest MAC|IP|PORT`): its logical port, where
 * it is bound and the address OVN gives it. OVN keeps no hostname a guest sent, so a guest is
 * named by its MAC, its address or its port (the iface-id it was plugged with).
 */
import { parseAddress } from '../../../shared/net/cidr';
import type { DiagnoseCheck } from '../../../shared/rpc/contract';
import type { OvnGuestPort } from '../ovn/guest-ports';

/** Pure: the port the user named, by MAC, IPv4 address or port name; null when none has it. */
export function findOvnGuest(
  query: string,
  ports: readonly OvnGuestPort[],
): { readonly query: string; readonly port: OvnGuestPort | null } {
  const q = query.trim().toLowerCase();
  const ip = parseAddress(q);
  const port =
    ports.find((p) =>
      ip
        ? p.ip !== null && parseAddress(p.ip)?.value === ip.value
        : p.mac === q || p.port.toLowerCase() === q,
    ) ?? null;
  return { query: query.trim(), port };
}

/** Pure: whether the named guest has a port, bound to a chassis, with an address. */
export function ovnGuestChecks(
  network: string,
  found: { readonly query: string; readonly port: OvnGuestPort | null },
  hosts: ReadonlyMap<string, string>,
): DiagnoseCheck[] {
  const p = found.port;
  if (p === null) {
    return [
      {
        id: 'guest-port',
        status: 'fail',
        summary:
          `No guest port of ${network} has ${found.query}: OVN knows a guest only by the port it was plugged ` +
          'with; give its MAC, its address or its port name, or plug it (vnm net-port-create).',
        fix: null,
        details: [],
      },
    ];
  }
  const host = hosts.get(p.port);
  const details = [`port ${p.port}, MAC ${p.mac ?? '-'}`];
  if (host === undefined) {
    return [
      {
        id: 'guest-port',
        status: 'fail',
        summary:
          `The guest's port is bound to no chassis: plug the guest into br-int with external_ids:iface-id=${p.port} ` +
          "on its host, and check that host's ovn-controller runs.",
        fix: null,
        details,
      },
    ];
  }
  if (p.ip === null) {
    return [
      {
        id: 'guest-port',
        status: 'fail',
        summary: `The guest is plugged in on ${host} but OVN has no address for it: the DHCP range has none free.`,
        fix: null,
        details,
      },
    ];
  }
  return [
    {
      id: 'guest-port',
      status: 'ok',
      summary: `The guest is plugged in on ${host}, and OVN's DHCP gives it ${p.ip}.`,
      fix: null,
      details,
    },
  ];
}
