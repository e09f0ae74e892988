/**
 * The account dnsmasq serves as. It parses packets from every guest, so it should not be
 * root: as libvirt does, it drops to `nobody` once it has bound its sockets and opened its
 * files, keeping only CAP_NET_ADMIN/NET_RAW/NET_BIND_SERVICE. It forks a helper that stays
 * root first, which runs vnm's lease script (dhcp-script=) and writes the leases file, so
 * lease events keep working. What nobody re-reads on SIGHUP (the hosts files) is 0644 in
 * 0755 folders (files.ts).
 *
 * Debian's own `dnsmasq` user exists only with the full dnsmasq package, not dnsmasq-base:
 * nobody and its primary group (nogroup on Debian, nobody elsewhere) are on every system.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Account {
  readonly user: string;
  readonly group: string;
}

const ROOT: Account = { user: 'root', group: 'root' };

/** nobody and its primary group, read from passwd/group; root only where there is no nobody. */
export function dnsmasqAccount(passwd = readOr('/etc/passwd'), group = readOr('/etc/group')): Account {
  const gid = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f[0] === 'nobody')?.[3];
  if (gid === undefined) return ROOT;
  const name = group
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f[2] === gid)?.[0];
  return { user: 'nobody', group: name ?? gid };
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The account for a dnsmasq whose files are beside `confPath`: nobody when it can reach them
 * (every folder up to them open to others), else root, so that a layout with a private
 * folder (a 0700 temp dir) keeps working rather than losing every SIGHUP reload.
 */
export function dnsmasqAccountFor(confPath: string): Account {
  return foldersOpenToOthers(dirname(confPath)) ? dnsmasqAccount() : ROOT;
}

function foldersOpenToOthers(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (d === dirname(d)) return true;
  }
}
