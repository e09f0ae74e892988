/**
 * The sandbox's "host" and its uplink to "wan", the world beyond it, as a laptop has to its
 * router. Only documentation addresses are used, and traffic stays between the namespaces.
 *
 *   wan   wan0 198.51.100.1/24, 2001:db8:ff::1/64; lo 203.0.113.10 (a web server "out there")
 *    |
 *   host  up0  198.51.100.2/24, 2001:db8:ff::2/64; default routes via wan; forwarding on
 *    |
 *   bridges vnmd makes, and the guests plugged into them
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectVeth } from './netns';
import type { Netns } from './netns';

export const UPLINK = {
  hostIf: 'up0',
  wanIf: 'wan0',
  hostAddress: '198.51.100.2',
  wanAddress: '198.51.100.1',
  prefix: 24,
  hostAddress6: '2001:db8:ff::2',
  wanAddress6: '2001:db8:ff::1',
  prefix6: 64,
  /** Where the wan's web server answers, as a public site would. */
  webAddress: '203.0.113.10',
} as const;

/** Files the web server offers; guests fetch them to make traffic. */
export const WEB_FILES = {
  'small.bin': 16 * 1024,
  'medium.bin': 64 * 1024,
  'large.bin': 192 * 1024,
} as const;

/** Connects host to wan, gives the host its default routes and turns forwarding on (in host only). */
export async function connectUplink(host: Netns, wan: Netns): Promise<void> {
  const u = UPLINK;
  // No DAD on the uplink: while the host's link-local address is tentative, the kernel sends
  // no neighbour solicitation for a packet it forwards, and the first second's IPv6 was lost.
  for (const ns of [host, wan]) await ns.exec('sysctl', ['-q', '-w', 'net.ipv6.conf.default.accept_dad=0']);
  await connectVeth(host, u.hostIf, wan, u.wanIf);
  await host.exec('ip', ['addr', 'add', `${u.hostAddress}/${u.prefix}`, 'dev', u.hostIf]);
  await wan.exec('ip', ['addr', 'add', `${u.wanAddress}/${u.prefix}`, 'dev', u.wanIf]);
  await host.exec('ip', ['-6', 'addr', 'add', `${u.hostAddress6}/${u.prefix6}`, 'dev', u.hostIf, 'nodad']);
  await wan.exec('ip', ['-6', 'addr', 'add', `${u.wanAddress6}/${u.prefix6}`, 'dev', u.wanIf, 'nodad']);
  await wan.exec('ip', ['addr', 'add', `${u.webAddress}/32`, 'dev', 'lo']);
  await host.exec('ip', ['route', 'add', 'default', 'via', u.wanAddress]);
  await host.exec('ip', ['-6', 'route', 'add', 'default', 'via', u.wanAddress6]);
  await host.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']);
}

/** Serves WEB_FILES from `dir` with busybox httpd on port 80 of the wan; dies with the namespace. */
export function startWebServer(wan: Netns, dir: string): ChildProcess {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>wan</title><p>Hello from the wan.</p>\n');
  for (const [name, size] of Object.entries(WEB_FILES)) writeFileSync(join(dir, name), randomBytes(size));
  return wan.spawn('busybox', ['httpd', '-f', '-p', '80', '-h', dir]);
}

/** Tells the wan to reach `subnet` through the host, as an upstream router is told for a routed network. */
export async function routeFromWan(wan: Netns, subnet: string, add: boolean): Promise<void> {
  const via = subnet.includes(':') ? UPLINK.hostAddress6 : UPLINK.hostAddress;
  const family = subnet.includes(':') ? ['-6'] : [];
  await wan.exec('ip', [...family, 'route', add ? 'replace' : 'del', subnet, 'via', via]);
}
