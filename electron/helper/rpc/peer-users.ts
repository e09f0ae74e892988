/**
 * Which user is at the other end of each accepted UNIX socket. Node cannot ask the kernel for
 * SO_PEERCRED itself (that needs a native addon), so a short perl run asks it: the sockets are
 * handed to perl as descriptors 3, 4, …, and it prints the peer's uid for each. perl-base is
 * essential on Debian, so it is always there. `ss` is no way: a connection from another
 * network namespace is listed only in that one. per-user-cap.ts asks only when one user
 * could be over its share, and not more than once at a time.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** Descriptors handed to one perl run. */
const BATCH = 256;

const ASK_PEERS = [
  'use Socket;',
  'for my $fd (3 .. $ARGV[0] + 2) {',
  '  open(my $h, "+<&=", $fd) or next;',
  '  my $c = getsockopt($h, SOL_SOCKET, SO_PEERCRED) or next;',
  '  my (undef, $uid) = unpack("l3", $c);',
  '  print "$fd $uid\\n";',
  '}',
].join('\n');

/** perl's lines `FD UID` → uid by descriptor number. */
export function parsePeerLines(text: string): Map<number, number> {
  const uids = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+) (\d+)$/.exec(line.trim());
    if (m) uids.set(Number(m[1]), Number(m[2]));
  }
  return uids;
}

/**
 * The descriptor behind a socket (libuv's pipe handle keeps it on Linux). It goes to perl as a
 * number: given the Socket itself, Node would stop reading it for good, as it does for any
 * stream a child shares.
 */
function fdOf(socket: Socket): number | undefined {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

function askBatch(fds: readonly number[]): Promise<Map<number, number>> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('perl', ['-e', ASK_PEERS, String(fds.length)], {
      stdio: ['ignore', 'pipe', 'ignore', ...fds],
    });
    // Out of descriptors or no perl: who is who cannot be told this time.
    child.on('error', () => resolve(new Map()));
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', () => resolve(parsePeerLines(out)));
  });
}

/** The uid at the other end of each socket; null where it cannot be told. */
export async function peerUids(sockets: readonly Socket[]): Promise<Map<Socket, number | null>> {
  const result = new Map<Socket, number | null>(sockets.map((s) => [s, null]));
  const open = sockets.flatMap((s) => {
    const fd = s.destroyed ? undefined : fdOf(s);
    return fd === undefined ? [] : [{ s, fd }];
  });
  for (let i = 0; i < open.length; i += BATCH) {
    const batch = open.slice(i, i + BATCH);
    const uids = await askBatch(batch.map((b) => b.fd));
    batch.forEach(({ s }, k) => result.set(s, uids.get(k + 3) ?? null));
  }
  return result;
}
