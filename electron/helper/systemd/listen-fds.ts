/**
 * Sockets handed over by systemd's socket activation (sd_listen_fds(3)): vnmd.socket and
 * vnmd-ro.socket listen before vnmd runs, so the first client's connection starts it and
 * nothing is lost while it starts. systemd passes them from fd 3 on, with LISTEN_PID (ours),
 * LISTEN_FDS (how many) and LISTEN_FDNAMES (their FileDescriptorName=, colon-separated).
 */

/** The first fd systemd passes (SD_LISTEN_FDS_START). */
const FIRST_FD = 3;

export interface PassedSockets {
  /** The read-write socket (FileDescriptorName=vnmd). */
  readonly readWrite?: number;
  /** The read-only socket (FileDescriptorName=vnmd-ro). */
  readonly readOnly?: number;
}

/**
 * Reads the sockets systemd passed to this process, and removes the variables so that no
 * child (dnsmasq, nft) believes they are meant for it. Names other than vnmd and vnmd-ro are
 * an error in the unit files: say so rather than serve on a socket nobody meant.
 */
export function takePassedSockets(
  env: NodeJS.ProcessEnv = process.env,
  pid: number = process.pid,
): PassedSockets {
  const count = Number(env.LISTEN_FDS);
  const forUs = Number(env.LISTEN_PID) === pid;
  const names = (env.LISTEN_FDNAMES ?? '').split(':');
  delete env.LISTEN_PID;
  delete env.LISTEN_FDS;
  delete env.LISTEN_FDNAMES;
  if (!forUs || !Number.isInteger(count) || count <= 0) return {};
  const found: { readWrite?: number; readOnly?: number } = {};
  for (let i = 0; i < count; i++) {
    const fd = FIRST_FD + i;
    const name = names[i] ?? '';
    if (name === 'vnmd') found.readWrite = fd;
    else if (name === 'vnmd-ro') found.readOnly = fd;
    else {
      throw new Error(
        `systemd passed a socket named "${name}" (fd ${fd}); vnmd knows only FileDescriptorName=vnmd and vnmd-ro. Check vnmd.socket and vnmd-ro.socket.`,
      );
    }
  }
  return found;
}
