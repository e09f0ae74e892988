import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PerUserCap, perUserReason } from './per-user-cap';
import { parsePeerLines, peerUids } from './peer-users';

describe('peer users', () => {
  it("reads perl's FD UID lines", () => {
    expect([...parsePeerLines('3 1000\n4 0\nnonsense\n')]).toEqual([
      [3, 1000],
      [4, 0],
    ]);
  });

  it('tells the uid of a real peer, and the socket still serves afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnmt-peer-'));
    const path = join(dir, 's.sock');
    const held: Socket[] = [];
    const server: Server = createServer((s) => held.push(s));
    await new Promise<void>((r) => server.listen(path, r));
    const client = connect(path);
    try {
      await vi.waitFor(() => expect(held).toHaveLength(1));
      const uids = await peerUids(held);
      expect(uids.get(held[0]!)).toBe(process.getuid!());
      // Asking must leave vnmd's end whole: it still writes, and still reads.
      const got = new Promise<string>((r) => client.once('data', (c) => r(c.toString())));
      held[0]!.write('still here\n');
      expect(await got).toBe('still here\n');
      const read = new Promise<string>((r) => held[0]!.once('data', (c) => r(c.toString())));
      client.write('and reading\n');
      expect(await read).toBe('and reading\n');
    } finally {
      client.destroy();
      for (const s of held) s.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('per-user cap', () => {
  const sockets: Socket[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.destroy()));
  const fake = (n: number): Socket[] => {
    const made = Array.from({ length: n }, () =>
      connect({ path: '/nonexistent' }).on('error', () => undefined),
    );
    sockets.push(...made);
    return made;
  };

  it('closes the newest connections of a user over the share, never root, never the unknown', async () => {
    const [a1, a2, a3, a4, r1, r2, r3, u1] = fake(8);
    const uid = new Map<Socket, number | null>([
      [a1!, 1000],
      [r1!, 0],
      [a2!, 1000],
      [r2!, 0],
      [a3!, 1000],
      [r3!, 0],
      [a4!, 1000],
      [u1!, null],
    ]);
    const evicted: Socket[] = [];
    const logs: string[] = [];
    const cap = new PerUserCap({
      limit: 2,
      evict: (s, reason) => {
        expect(reason).toBe(perUserReason(2));
        evicted.push(s);
      },
      log: (m) => logs.push(m),
      census: (list) => Promise.resolve(new Map(list.map((s) => [s, uid.get(s) ?? null]))),
    });
    cap.note(new Set(uid.keys()));
    await vi.waitFor(() => expect(evicted).toEqual([a3, a4]));
    expect(logs).toEqual(['read-only socket: user 1000 held 4 connections; closed 2 over its share of 2']);
  });

  it('does not count while no user could be over its share', () => {
    const census = vi.fn(() => Promise.resolve(new Map<Socket, number | null>()));
    const cap = new PerUserCap({ limit: 3, evict: () => undefined, log: () => undefined, census });
    cap.note(new Set(fake(3)));
    expect(census).not.toHaveBeenCalled();
  });
});
