/**
 * UDP sockets bound in this network namespace, from /proc/self/net/udp and udp6: enough to
 * tell whether dnsmasq listens for DHCP (port 67, 547) and DNS (port 53 on the bridge
 * address) without spawning `ss`. Addresses are printed as host-order 32-bit words.
 */
// Sync on purpose: /proc never waits on a disk.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

export interface BoundSocket {
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
}

function word(hex: string): number[] {
  const bytes = [...Buffer.from(hex, 'hex')];
  return endianness() === 'LE' ? bytes.reverse() : bytes;
}

function ipv6Text(bytes: number[]): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

/** Pure: the bound sockets listed in one /proc/net/udp{,6} text. */
export function parseUdpTable(text: string, family: 4 | 6): BoundSocket[] {
  const out: BoundSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[1];
    if (!local?.includes(':')) continue;
    const [addrHex, portHex] = local.split(':') as [string, string];
    if (family === 4 && addrHex.length === 8) {
      out.push({ family, address: word(addrHex).join('.'), port: parseInt(portHex, 16) });
    } else if (family === 6 && addrHex.length === 32) {
      const bytes = [0, 8, 16, 24].flatMap((i) => word(addrHex.slice(i, i + 8)));
      out.push({ family, address: ipv6Text(bytes), port: parseInt(portHex, 16) });
    }
  }
  return out;
}

export function boundUdpSockets(procDir = '/proc/self/net'): BoundSocket[] {
  const read = (f: string) => {
    try {
      return readFileSync(`${procDir}/${f}`, 'utf8');
    } catch {
      return '';
    }
  };
  return [...parseUdpTable(read('udp'), 4), ...parseUdpTable(read('udp6'), 6)];
}
