/**
 * What the sandbox needs from the machine: CAP_NET_ADMIN and CAP_SYS_ADMIN (named network
 * namespaces are bind mounts under /run/netns), and the programs it runs.
 */
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';

const CAP_SYS_ADMIN = 21n;
const CAP_NET_ADMIN = 12n;

/** The effective capability set of this process (CapEff in /proc/self/status). */
export function effectiveCaps(statusText = readFileSync('/proc/self/status', 'utf8')): bigint {
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(statusText)?.[1];
  return hex === undefined ? 0n : BigInt(`0x${hex}`);
}

function has(caps: bigint, cap: bigint): boolean {
  return ((caps >> cap) & 1n) === 1n;
}

/** The programs the sandbox runs, each with the Debian package that has it. */
export const PROGRAMS: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  nft: 'nftables',
  dnsmasq: 'dnsmasq-base',
  busybox: 'busybox',
};

function onPath(cmd: string): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  return dirs.some((d) => d !== '' && existsSync(join(d, cmd)));
}

/** Why the sandbox cannot run here, in one sentence that says what to do; null when it can. */
export function privilegeProblem(
  caps: bigint = effectiveCaps(),
  found: (cmd: string) => boolean = onPath,
): string | null {
  if (!has(caps, CAP_NET_ADMIN) || !has(caps, CAP_SYS_ADMIN)) {
    return (
      'the sandbox makes network namespaces, which needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): ' +
      'run it as root, e.g. sudo npm run demo'
    );
  }
  const missing = Object.keys(PROGRAMS).filter((p) => !found(p));
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((m) => PROGRAMS[m]))].join(' ');
    return `the sandbox needs ${missing.join(', ')}: install them with apt-get install ${pkgs}`;
  }
  return null;
}
