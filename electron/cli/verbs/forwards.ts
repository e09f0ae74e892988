/** net-forward-add, net-forward-list, net-forward-remove: a NAT network's port forwards (#14). */
import type { ForwardProtocol, PortForward, PortRange } from '../../../shared/model/port-forward';
import { FORWARD_PROTOCOLS, formatPortRange, parsePortRange } from '../../../shared/model/port-forward';
import type { Verb } from '../context';
import { arg, CliFailure, withContext } from '../context';
import type { ParsedArgs } from '../args';
import { formatTable } from '../table';
import type { VnmClient } from '../../client/client';
import type { NetworkDef } from '../../../shared/model/network';

const PORT_SHAPE = 'write a port as 8080 or a range as 8000-8010';

function protocolOf(text: string): ForwardProtocol {
  const p = FORWARD_PROTOCOLS.find((x) => x === text.toLowerCase());
  if (!p) throw new CliFailure([`unknown protocol '${text}'; use tcp, udp or all`]);
  return p;
}

function portsOf(text: string, what: string): PortRange {
  const range = parsePortRange(text);
  if (!range) throw new CliFailure([`${what} '${text}' is not a port or range; ${PORT_SHAPE}`]);
  return range;
}

/**
 * GUESTIP[:PORT[-END]]: an IPv6 guest with ports is written [2001:db8::10]:80, as in URLs; a
 * bare IPv6 address (more than one colon) has no port part.
 */
export function parseGuest(text: string): { address: string; ports: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(.+))?$/.exec(text);
  if (bracketed) return { address: bracketed[1]!, ports: bracketed[2] };
  const colons = text.split(':').length - 1;
  if (colons !== 1) return { address: text, ports: undefined };
  const [address, ports] = text.split(':') as [string, string];
  return { address, ports };
}

/** The forward a net-forward-add command line describes; shapes only, the rules are vnmd's. */
export function forwardFromArgs(a: ParsedArgs): PortForward {
  const hostPort = portsOf(arg(a, 'hostport'), 'host port');
  const guest = parseGuest(arg(a, 'guest'));
  if (!guest.address)
    throw new CliFailure([`no guest address in '${arg(a, 'guest')}'; write it as 192.168.122.10:80`]);
  const guestPort = guest.ports === undefined ? hostPort : portsOf(guest.ports, 'guest port');
  const hostAddress = a.values.address;
  const description = a.values.description;
  return {
    protocol: protocolOf(arg(a, 'protocol')),
    ...(hostAddress !== undefined ? { hostAddress } : {}),
    hostPort,
    guestAddress: guest.address,
    guestPort,
    ...(description !== undefined && description !== '' ? { description } : {}),
  };
}

function hostPortOf(text: string): number {
  const range = parsePortRange(text);
  if (!range)
    throw new CliFailure([`host port '${text}' is not a port; give the first host port of the forward`]);
  return range.start;
}

/** What net-update says it changed, from the flags and whether the network runs. */
function changedWhat(live: boolean, config: boolean, active: boolean): string {
  if (config && live) return 'persistent config and live state';
  if (config) return 'persistent config';
  if (live || active) return 'live state';
  return 'persistent config';
}

function guestText(f: PortForward): string {
  return f.guestAddress.includes(':') ? `[${f.guestAddress}]` : f.guestAddress;
}

export function formatForwards(forwards: readonly (PortForward & { guestName: string | null })[]): string {
  const rows = forwards.map((f) => [
    f.protocol,
    f.hostAddress ?? '*',
    formatPortRange(f.hostPort),
    guestText(f),
    formatPortRange(f.guestPort),
    f.guestName ?? '-',
    f.description ?? '',
  ]);
  const header = [
    'Protocol',
    'Host address',
    'Host port',
    'Guest',
    'Guest port',
    'Guest name',
    'Description',
  ];
  return formatTable(header, rows);
}

/** The network's definition (running, or stored with inactive), for its static hosts. */
async function definitionOf(client: VnmClient, name: string, inactive: boolean): Promise<NetworkDef | null> {
  const { xml } = await client.call('network.getXml', { network: name, inactive });
  // Loaded here, not at the top: every `vnm` call would otherwise parse the XML codec (issue 17).
  const { parseNetworkXml } = await import('../../../shared/xml/parse-network');
  const parsed = parseNetworkXml(xml);
  return parsed.ok ? parsed.def : null;
}

const ADD_HELP = `  NAME
    net-forward-add - add a port forward to a NAT network

  SYNOPSIS
    net-forward-add <network> <protocol> <hostport> <guest> [--address <hostip>]
                    [--description <text>] [--live] [--config]

  DESCRIPTION
    Forwards connections to the host's port(s) to a guest of the network.
    protocol      tcp, udp or all (both)
    hostport      a port (8080) or a range (8000-8010)
    guest         GUESTIP[:PORT[-END]], [IPv6]:PORT for IPv6; no ports: the host's ports
    --address     only this host address (default: every host address outside the network)
    --description a label shown by net-forward-list and the window
    --live        change the running network (its rules change at once, nothing restarts)
    --config      change the stored definition
    Neither: the running network if it runs, else the stored definition.
`;

const LIST_HELP = `  NAME
    net-forward-list - list the port forwards of a network

  SYNOPSIS
    net-forward-list <network> [--json] [--inactive]

  DESCRIPTION
    The running definition's forwards while the network runs; with --inactive, the
    stored definition's. Guest name is the name of the static host with the guest's
    address, else the hostname of its DHCP lease ('-' when neither names it).
    --json prints them as JSON, the guest name as guestName (null when unknown).
`;

const REMOVE_HELP = `  NAME
    net-forward-remove - remove a port forward from a network

  SYNOPSIS
    net-forward-remove <network> <protocol> <hostport> [--address <hostip>] [--live] [--config]

  DESCRIPTION
    Removes the forward with this protocol, first host port and host address (as
    net-forward-list shows them). --live and --config as for net-forward-add.
`;

export const forwardVerbs: Verb[] = [
  {
    name: 'net-forward-add',
    summary: 'add a port forward to a NAT network',
    help: ADD_HELP,
    args: {
      positionals: ['network', 'protocol', 'hostport', 'guest'],
      required: 4,
      options: ['address', 'description'],
      flags: ['live', 'config'],
    },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const forward = forwardFromArgs(a);
      const live = a.flags.has('live');
      const config = a.flags.has('config');
      const client = await ctx.client();
      const info = await withContext(`failed to get network '${ref}'`, ref, () =>
        client.call('network.info', { network: ref }),
      );
      await withContext(`Failed to add a port forward to network ${ref}`, ref, () =>
        client.call('network.addForward', { name: info.name, forward, live, config }),
      );
      ctx.out(
        `Added port forward ${forward.protocol} ${formatPortRange(forward.hostPort)} to network ${info.name} ${changedWhat(live, config, info.active)}\n`,
      );
    },
  },
  {
    name: 'net-forward-list',
    summary: 'list the port forwards of a network',
    help: LIST_HELP,
    args: { positionals: ['network'], required: 1, flags: ['json', 'inactive'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const inactive = a.flags.has('inactive');
      const client = await ctx.client();
      const named = await withContext(`failed to get port forwards of network '${ref}'`, ref, async () => {
        const { forwards } = await client.call('network.forwards', { name: ref, inactive });
        if (forwards.length === 0) return [];
        const [def, leases] = await Promise.all([
          definitionOf(client, ref, inactive),
          client.call('network.leases', { network: ref }),
        ]);
        const { guestNames, withGuestNames } = await import('./forward-guest-names');
        return withGuestNames(forwards, guestNames(def, leases));
      });
      ctx.out(a.flags.has('json') ? `${JSON.stringify(named, null, 2)}\n` : formatForwards(named));
    },
  },
  {
    name: 'net-forward-remove',
    summary: 'remove a port forward from a network',
    help: REMOVE_HELP,
    args: {
      positionals: ['network', 'protocol', 'hostport'],
      required: 3,
      options: ['address'],
      flags: ['live', 'config'],
    },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const protocol = protocolOf(arg(a, 'protocol'));
      const hostPort = hostPortOf(arg(a, 'hostport'));
      const hostAddress = a.values.address;
      const live = a.flags.has('live');
      const config = a.flags.has('config');
      const client = await ctx.client();
      const info = await withContext(`failed to get network '${ref}'`, ref, () =>
        client.call('network.info', { network: ref }),
      );
      await withContext(`Failed to remove a port forward from network ${ref}`, ref, () =>
        client.call('network.removeForward', {
          name: info.name,
          protocol,
          hostPort,
          ...(hostAddress !== undefined ? { hostAddress } : {}),
          live,
          config,
        }),
      );
      ctx.out(
        `Removed port forward ${protocol} ${hostPort} from network ${info.name} ${changedWhat(live, config, info.active)}\n`,
      );
    },
  },
];
