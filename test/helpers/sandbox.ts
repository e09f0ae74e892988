/**
 * A sandbox host: a "host" namespace (where vnmd or its modules run) with an uplink to a
 * "wan" namespace beyond it, as a laptop has to its router. Only documentation addresses are
 * used on the uplink, and all traffic stays between these namespaces.
 *
 *   wan  [wan0 198.51.100.1/24, 2001:db8:ff::1/64]
 *    |
 *   host [up0  198.51.100.2/24, 2001:db8:ff::2/64, default routes via wan, forwarding on]
 *    |
 *   bridges made by the test, guests (guest.ts) on them
 */
import { UPLINK } from '../../electron/sandbox/uplink';
import { connectVeth, createNetns, type Netns } from './netns';

// One address plan for the demo host and the tests' sandbox (the tests serve no web page).
export { UPLINK };

export interface Sandbox {
  readonly host: Netns;
  readonly wan: Netns;
  /** Tells the wan how to reach `subnet` (through the host), as an upstream router would be told. */
  routeFromWan(subnet: string): Promise<void>;
  destroy(): Promise<void>;
}

export async function createSandbox(prefix: string): Promise<Sandbox> {
  const host = await createNetns(`${prefix}h`);
  const wan = await createNetns(`${prefix}w`);
  try {
    const u = UPLINK;
    // No DAD on links made here: while a router's link-local address is tentative the kernel
    // sends no neighbour solicitation for a packet it forwards, so the first second's IPv6
    // forwarding (wan to guest, guest to wan) was lost and flaky tests followed.
    for (const ns of [host, wan]) await ns.exec('sysctl', ['-q', '-w', 'net.ipv6.conf.default.accept_dad=0']);
    await connectVeth(host, u.hostIf, wan, u.wanIf);
    await host.exec('ip', ['addr', 'add', `${u.hostAddress}/${u.prefix}`, 'dev', u.hostIf]);
    await wan.exec('ip', ['addr', 'add', `${u.wanAddress}/${u.prefix}`, 'dev', u.wanIf]);
    await host.exec('ip', ['-6', 'addr', 'add', `${u.hostAddress6}/${u.prefix6}`, 'dev', u.hostIf, 'nodad']);
    await wan.exec('ip', ['-6', 'addr', 'add', `${u.wanAddress6}/${u.prefix6}`, 'dev', u.wanIf, 'nodad']);
    await host.exec('ip', ['route', 'add', 'default', 'via', u.wanAddress]);
    await host.exec('ip', ['-6', 'route', 'add', 'default', 'via', u.wanAddress6]);
    await host.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']);
  } catch (e) {
    await Promise.all([host.destroy(), wan.destroy()]);
    throw e;
  }
  return {
    host,
    wan,
    async routeFromWan(subnet: string) {
      const via = subnet.includes(':') ? UPLINK.hostAddress6 : UPLINK.hostAddress;
      await wan.exec('ip', ['route', 'add', subnet, 'via', via]);
    },
    async destroy() {
      await Promise.all([host.destroy(), wan.destroy()]);
    },
  };
}
