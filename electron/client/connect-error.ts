/**
 * What to tell a person whose connection to vnmd failed. "Is vnmd running?" is wrong when it
 * is running and the socket is closed to them: then say which group opens it and how to join
 * it, as the libvirt documentation does for group libvirt.
 */
import { statSync, readFileSync } from 'node:fs';

/** What the message depends on, gathered by `accessFacts` (tests pass their own). */
export interface AccessFacts {
  /** errno code of the failed connect (ENOENT, ECONNREFUSED, EACCES…). */
  readonly code: string;
  readonly path: string;
  readonly isRoot: boolean;
  /** The socket file's group, by name when /etc/group has it. */
  readonly socketGroup?: { readonly gid: number; readonly name?: string };
  /** Groups of this process (what the kernel checks). */
  readonly processGids: readonly number[];
  /** Members of the socket's group in /etc/group (joined after login shows up here only). */
  readonly groupMembers: readonly string[];
  readonly user?: string;
}

export function connectErrorMessage(f: AccessFacts): string {
  const at = `vnmd at ${f.path}`;
  if (f.code === 'ENOENT' || f.code === 'ECONNREFUSED') {
    return `${at} is not running (${f.code}). Start it: \`sudo systemctl start vnmd.socket\` where the vnm package is installed, or \`sudo vnm daemon\` in a terminal; the read-only socket (vnm -r) needs it too.`;
  }
  if (f.code !== 'EACCES' && f.code !== 'EPERM') return `failed to connect to ${at}: ${f.code}`;
  const group = f.socketGroup;
  if (!group || group.gid === 0 || group.name === undefined) {
    return `permission denied on ${f.path}: it is open to root only (no group vnm exists on this host). Run the command with sudo, or install the vnm package (it adds group vnm), or read only with \`vnm -r\`.`;
  }
  const name = group.name;
  const readOnly = 'Meanwhile `vnm -r` (read-only) works for everyone.';
  if (f.user !== undefined && f.groupMembers.includes(f.user) && !f.processGids.includes(group.gid)) {
    return `permission denied on ${f.path}: you were added to group ${name}, but this session started before that. Log out and in again (or run \`newgrp ${name}\`). ${readOnly}`;
  }
  return `permission denied on ${f.path}: you are not in group ${name}, whose members may manage networks. Join it with \`sudo usermod -aG ${name} $USER\`, then log out and in again. ${readOnly}`;
}

/** Reads the facts about `path` and this process from the system. */
export function accessFacts(code: string, path: string): AccessFacts {
  const gid = fileGid(path);
  const groups = groupTable();
  const entry = gid === undefined ? undefined : groups.find((g) => g.gid === gid);
  return {
    code,
    path,
    isRoot: process.getuid?.() === 0,
    socketGroup: gid === undefined ? undefined : { gid, name: entry?.name },
    processGids: process.getgroups?.() ?? [],
    groupMembers: entry?.members ?? [],
    user: process.env.USER ?? process.env.LOGNAME,
  };
}

function fileGid(path: string): number | undefined {
  try {
    return statSync(path).gid;
  } catch {
    return undefined;
  }
}

interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function groupTable(): GroupEntry[] {
  let text: string;
  try {
    text = readFileSync('/etc/group', 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4)
    .map(([name, , gid, members]) => ({
      name: name!,
      gid: Number(gid),
      members: members!.split(',').filter(Boolean),
    }));
}
