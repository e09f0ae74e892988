/**
 * A share of the read-only socket per local user, so that one user who opens every slot
 * cannot keep the others out (libvirt bounds anonymous clients with max_anonymous_clients).
 * Whose a connection is takes a look in /proc (peer-users.ts), so it is not asked at accept:
 * once the socket holds more clients than one user's share, a census counts them by user and
 * closes the newest connections of any user over the share, saying why. Root is never capped,
 * and a connection whose user cannot be told counts for nobody.
 */
import type { Socket } from 'node:net';
import { peerUids } from './peer-users';

export interface PerUserCapOptions {
  readonly limit: number;
  /** Closes a connection with a reason it reads first. */
  readonly evict: (socket: Socket, reason: string) => void;
  readonly log: (message: string) => void;
  /** Who is at the other end of each socket (tests may stand in for /proc). */
  readonly census?: (sockets: readonly Socket[]) => Promise<Map<Socket, number | null>>;
}

export function perUserReason(limit: number): string {
  return (
    `vnmd closed this connection: your user holds more than ${limit} connections to the ` +
    'read-only socket, its share; close some of them.'
  );
}

export class PerUserCap {
  private running = false;
  private again = false;

  constructor(private readonly opts: PerUserCapOptions) {}

  /** Called after each accept with every socket held; counts them when one user could be over. */
  note(sockets: ReadonlySet<Socket>): void {
    if (sockets.size <= this.opts.limit) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.count(sockets).finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.note(sockets);
      }
    });
  }

  private async count(sockets: ReadonlySet<Socket>): Promise<void> {
    const census = this.opts.census ?? peerUids;
    // Insertion order is accept order: the first `limit` of each user stay.
    const owners = await census([...sockets]);
    const held = new Map<number, Socket[]>();
    for (const [socket, uid] of owners) {
      if (uid === null || uid === 0 || socket.destroyed) continue;
      const list = held.get(uid) ?? [];
      list.push(socket);
      held.set(uid, list);
    }
    for (const [uid, list] of held) {
      if (list.length <= this.opts.limit) continue;
      const extra = list.slice(this.opts.limit);
      this.opts.log(
        `read-only socket: user ${uid} held ${list.length} connections; closed ${extra.length} ` +
          `over its share of ${this.opts.limit}`,
      );
      for (const s of extra) this.opts.evict(s, perUserReason(this.opts.limit));
    }
  }
}
