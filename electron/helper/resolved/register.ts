/**
 * <domain name='D' register='yes'/> (libvirt 10.1+): at start, the network's DNS server
 * is registered with systemd-resolved as the server for D on the network's bridge, so the
 * host itself resolves the guests' names. As libvirt does, over resolved's D-Bus API
 * (org.freedesktop.resolve1.Manager SetLinkDNS and SetLinkDomains, with D as a routing-only
 * domain); vnmd calls it through busctl, with argument arrays. resolved forgets a link when
 * it goes away, so the bridge's removal at destroy undoes it; a failed start reverts it
 * (RevertLink). Without systemd-resolved the start fails and says so, rather than start a
 * network whose registration silently did not happen.
 */
import { readFile } from 'node:fs/promises';
import type { NetworkDef } from '../../../shared/model/network';
import { parseIp } from '../../../shared/net/ip';
import { VnmError } from '../../../shared/rpc/errors';
import { run } from '../exec';
import type { Revert } from '../revert';

const BUS = ['org.freedesktop.resolve1', '/org/freedesktop/resolve1', 'org.freedesktop.resolve1.Manager'];
const AF_INET = 2;
const AF_INET6 = 10;

/** Whether the network asks for registration at start. */
export function wantsRegistration(def: NetworkDef): boolean {
  return def.domain?.register === 'yes' && def.dns?.enable !== 'no';
}

/** The address the host should send the domain's queries to: the network's first one. */
export function registrationAddress(def: NetworkDef): string | undefined {
  return def.ips.find((ip) => ip.address !== undefined && parseIp(ip.address))?.address;
}

/** busctl's argument lists for the two calls, in order (pure, for the unit test). */
export function registrationCalls(ifindex: number, address: string, domain: string): string[][] {
  const addr = parseIp(address);
  if (!addr) throw new VnmError('invalid-argument', `'${address}' is not an address to register.`);
  const family = addr.kind() === 'ipv4' ? AF_INET : AF_INET6;
  const bytes = addr.toByteArray().map(String);
  return [
    [
      'call',
      ...BUS,
      'SetLinkDNS',
      'ia(iay)',
      String(ifindex),
      '1',
      String(family),
      String(bytes.length),
      ...bytes,
    ],
    ['call', ...BUS, 'SetLinkDomains', 'ia(sb)', String(ifindex), '1', domain, 'true'],
  ];
}

export async function registerDomain(def: NetworkDef, bridge: string, r: Revert): Promise<void> {
  if (!wantsRegistration(def) || !def.domain) return;
  const address = registrationAddress(def);
  if (!address) {
    throw new VnmError(
      'invalid-argument',
      `<domain register='yes'> in network '${def.name}' needs an <ip> address for the host's resolver to send queries to: add one, or remove register='yes'.`,
    );
  }
  const ifindex = Number((await readFile(`/sys/class/net/${bridge}/ifindex`, 'utf8')).trim());
  const [setDns, setDomains] = registrationCalls(ifindex, address, def.domain.name);
  try {
    await run('busctl', setDns ?? []);
    // From here resolved holds something for the link: a failure must take it back.
    r.add(
      () => run('busctl', ['call', ...BUS, 'RevertLink', 'i', String(ifindex)]).then(() => undefined),
      `unregister ${def.domain.name} from systemd-resolved`,
    );
    await run('busctl', setDomains ?? []);
  } catch (err) {
    // busctl's own words (say, "Failed to connect to bus"), without the whole command line.
    const message = err instanceof Error ? err.message : String(err);
    const why = (/ failed: (.*)$/.exec(message)?.[1] ?? message).replace(/\.$/, '');
    throw new VnmError(
      'operation-failed',
      `<domain register='yes'> registers ${def.domain.name} with systemd-resolved, which did not take it (${why}): start systemd-resolved on this host, or remove register='yes'`,
    );
  }
}
