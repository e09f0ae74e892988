/**
 * Fast reads of this network namespace's links and routes from /proc/self/net, for the
 * checks before a start: no process to spawn, where each `ip` costs 10-20 ms. /proc/self/net
 * always describes the namespace vnmd runs in (unlike /sys, which follows its mount).
 */
// Sync on purpose: /proc never waits on a disk (see bridge/sysctl.ts).
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { HostRoute } from './routes';
import { formatCidr, tryParseCidr } from '../../../shared/net/cidr';

const PROC = '/proc/self/net';

/** Names of every link in the namespace (/proc/net/dev lists them all). */
export function linkNames(procDir = PROC): Promise<Set<string>> {
  return Promise.resolve(linkNamesNow(procDir));
}

function linkNamesNow(procDir: string): Set<string> {
  const text = readFileSync(`${procDir}/dev`, 'utf8');
  const names = text
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter((n) => n !== '');
  return new Set(names);
}

function ipv4FromHex(hex: string): string {
  const bytes = [...Buffer.from(hex, 'hex')];
  // /proc/net/route prints addresses as host-order integers.
  if (endianness() === 'LE') bytes.reverse();
  return bytes.join('.');
}

function popcount(hex: string): number {
  return [...Buffer.from(hex, 'hex')].reduce((n, b) => n + b.toString(2).replaceAll('0', '').length, 0);
}

/** IPv4 routes of the main table, from /proc/net/route. */
export function parseIpv4Routes(text: string): HostRoute[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 8)
    .map(([dev, dst, , , , , , mask]) => {
      const cidr = tryParseCidr(`${ipv4FromHex(dst!)}/${popcount(mask!)}`);
      return cidr ? { dst: formatCidr(cidr), dev: dev ?? null, family: 4 } : null;
    })
    .filter((r): r is HostRoute => r !== null);
}

/** IPv6 routes from /proc/net/ipv6_route (dest, prefix in hex, ..., device last). */
export function parseIpv6Routes(text: string): HostRoute[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 10 && f[0]!.length === 32)
    .map((f) => {
      const groups = f[0]!.match(/.{4}/g)!.join(':');
      const cidr = tryParseCidr(`${groups}/${parseInt(f[1]!, 16)}`);
      return cidr ? { dst: formatCidr(cidr), dev: f[9] ?? null, family: 6 } : null;
    })
    .filter((r): r is HostRoute => r !== null);
}

export function hostRoutes(procDir = PROC): Promise<HostRoute[]> {
  const read = (file: string) => {
    try {
      return readFileSync(`${procDir}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const v4 = read('route');
  const v6 = read('ipv6_route');
  return Promise.resolve([...parseIpv4Routes(v4), ...parseIpv6Routes(v6)]);
}
