/**
 * The `vnm UI: <address>` line. The full address carries the token, so it is printed only
 * where no other user can read it: the user's terminal, a pipe or socket to the program
 * that started us, or a file only we can read. Elsewhere (a log file others can read) the
 * token is withheld and the line says why.
 */
import { fstatSync } from 'node:fs';
import type { Stats } from 'node:fs';

const OTHERS_READ = 0o044;

/** Null when what `fd` leads to is private to this user; else why it is not. */
export function whyNotPrivate(st: Stats, uid: number | undefined): string | null {
  // An anonymous socket (or a connection) has no path: only its peer reads it.
  if (st.isSocket()) return null;
  const kind = st.isCharacterDevice() ? 'device' : st.isFIFO() ? 'pipe' : st.isFile() ? 'file' : 'other';
  if (kind === 'other') return 'is neither a terminal, a pipe nor a file';
  if ((st.mode & OTHERS_READ) !== 0) return `is a ${kind} other users can read`;
  // A terminal belongs to whoever logged in on it (the sudo user when we run as root).
  if (kind !== 'device' && uid !== undefined && st.uid !== uid) return `is a ${kind} of another user`;
  return null;
}

function whyFdNotPrivate(fd: number): string | null {
  try {
    return whyNotPrivate(fstatSync(fd), process.getuid?.());
  } catch {
    return 'cannot be checked';
  }
}

export function addressLine(shell: { url: string; origin: string }, fd = 1): string {
  const why = whyFdNotPrivate(fd);
  if (why === null) return `vnm UI: ${shell.url}`;
  return (
    `vnm UI: ${shell.origin}/ (token withheld: standard output ${why}; ` +
    'run vnm in a terminal to see the full address, or let it open the window)'
  );
}

/**
 * For a program that passes the app's output on (the demo): the same rule for its own
 * output, applied to an address line the app printed with the token.
 */
export function relayLine(line: string, fd = 1): string {
  const m = /^vnm UI: (http:\/\/[^/\s]+)\/\?token=\S+$/.exec(line);
  if (!m?.[1]) return line;
  return addressLine({ url: line.slice('vnm UI: '.length), origin: m[1] }, fd);
}
