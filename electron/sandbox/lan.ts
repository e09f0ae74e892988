/**
 * The sandbox host's LAN, as a desktop with a bridge `br0` has one: a Linux bridge `br-lan` in
 * the host namespace (the host at 192.0.2.1), and a machine on it, "nas", at 192.0.2.10, which
 * also hands out addresses (busybox udhcpd), as a home router does. A Bridge-mode network
 * (<forward mode='bridge'/><bridge name='br-lan'/>) puts guests on this LAN: they lease from
 * the nas, not from vnm, and reach it and the host directly. Documentation addresses only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nsName } from './names';
import { connectVeth, createNetns } from './netns';
import type { Netns } from './netns';

export const LAN = {
  bridge: 'br-lan',
  hostAddress: '192.0.2.1',
  nasAddress: '192.0.2.10',
  prefix: 24,
  /** The nas's port on br-lan, in the host namespace. */
  nasPort: 'lan-nas',
  dhcpStart: '192.0.2.100',
  dhcpEnd: '192.0.2.150',
} as const;

/** Makes br-lan and the nas (its namespace dies with the sandbox's); returns the nas. */
export async function makeLan(host: Netns, stem: string, dir: string): Promise<Netns> {
  const l = LAN;
  await host.ip(['link', 'add', l.bridge, 'type', 'bridge']);
  await host.ip(['addr', 'add', `${l.hostAddress}/${l.prefix}`, 'dev', l.bridge]);
  await host.ip(['link', 'set', 'dev', l.bridge, 'up']);
  const nas = await createNetns(nsName(stem, 'nas'));
  await connectVeth(host, l.nasPort, nas, 'eth0');
  await host.ip(['link', 'set', 'dev', l.nasPort, 'master', l.bridge]);
  await nas.ip(['addr', 'add', `${l.nasAddress}/${l.prefix}`, 'dev', 'eth0']);
  await nas.ip(['link', 'set', 'dev', 'lo', 'up']);
  await nas.ip(['route', 'add', 'default', 'via', l.hostAddress]);
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'udhcpd.conf');
  writeFileSync(
    conf,
    [
      `start ${l.dhcpStart}`,
      `end ${l.dhcpEnd}`,
      'interface eth0',
      `lease_file ${join(dir, 'udhcpd.leases')}`,
      `pidfile ${join(dir, 'udhcpd.pid')}`,
      `option subnet 255.255.255.0`,
      `option router ${l.hostAddress}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'udhcpd.leases'), '');
  // Foreground, so it is one of the namespace's processes and dies with it.
  nas.spawn('busybox', ['udhcpd', '-f', conf], { stdio: 'ignore' }).unref();
  return nas;
}
