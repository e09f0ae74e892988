/**
 * What to tell a person when dnsmasq did not start, from its first line of stderr: the causes
 * a host runs into get their own fix; anything else points at the configuration file.
 */
import { readFileSync } from 'node:fs';

const INOTIFY_LIMIT = '/proc/sys/fs/inotify/max_user_instances';

/** The host's inotify instances per user, or undefined when it cannot be read. */
export function inotifyLimit(path = INOTIFY_LIMIT): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface LaunchFacts {
  /** dnsmasq's first line of stderr. */
  readonly why: string;
  readonly confPath: string;
  readonly pidFile: string;
  /** It neither wrote its pid file nor exited in time. */
  readonly hung: boolean;
}

export function launchHint(f: LaunchFacts, limitPath = INOTIFY_LIMIT): string {
  if (/failed to create inotify/i.test(f.why)) {
    // Every dnsmasq that serves DNS or DHCP takes one inotify instance (it watches
    // resolv.conf), and all of them run as the same user (nobody): a host's default of 128
    // ends the count of running networks near 128, as it does for libvirt's.
    return (
      `the host allows ${inotifyLimit(limitPath) ?? 'unknown'} inotify instances per user ` +
      '(fs.inotify.max_user_instances) and every running network’s dnsmasq takes one; raise it, ' +
      'e.g. sysctl -w fs.inotify.max_user_instances=1024 (and in /etc/sysctl.d/ to keep it)'
    );
  }
  return f.hung
    ? `check that pid-file= in ${f.confPath} names ${f.pidFile}`
    : `check its configuration ${f.confPath}`;
}
